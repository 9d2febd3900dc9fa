/**
 * The kernel-rules layer: everything the package knows about the kernel that is not wire
 * layout. Releases and what each has, the errno table, the internal aggregates (generated from
 * spec/kernel), and the rules of `fanotify_init`, `fanotify_mark`, permission responses and
 * reads, each returning the kernel's errno and the rule that fired. The kernel model simulates
 * with it; live groups check and explain with it; golden files and scenarios name flags with it.
 *
 * Layering: schema → spec → codec → kernel → {live, model, golden} → cli.
 *
 * @packageDocumentation
 */
export * from './release.js';
export * from './errno.js';
export * from './availability.js';
export * from './behaviours.js';
export * from './rules/rule.js';
export * from './rules/init.js';
export * from './rules/mark.js';
export * from './rules/response.js';
export * from './rules/read.js';
export * from './flag-words.js';
