/**
 * The commands whose runs are dominated by start-up on typical inputs. The build bundles each
 * module this one re-exports into its own self-contained CommonJS file, `dist/cli/NAME.cjs`
 * (tsup.config.ts): a run of one of them loads two files (`dist/cli.cjs` and its bundle) instead
 * of ~20 shared chunks, about 15 ms of the ~200 ms `stats` took on the 64 MiB bench stream, and
 * starts no ES-module loader (~10 ms more); a bundle per command rather than one for the three
 * leaves V8 less to read and pre-parse (~4 ms of a `stats` run). The dispatcher imports each
 * command's own module (commands/index.ts); the build makes those imports a `require` of the
 * command's bundle. Nothing in these commands loads a user's module, so the bundles' own copies
 * of the package's classes never meet the shared chunks' copies (`export`, which imports a
 * user's module, stays on the shared chunks).
 *
 * @packageDocumentation
 */
export { decodeCommand } from './decode.js';
export { normalizeCommand } from './normalize.js';
export { statsCommand } from './stats.js';
