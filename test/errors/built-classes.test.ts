/**
 * In the built package (ESM and CJS, as consumers load it) every exported error class sits
 * under FanotifyCodecError and keeps its readable name: what `console.log(error)` and stack
 * traces print is the class name docs/errors.md documents, never a bundler's `_Name`.
 */
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import { CLASS_OF } from './error-docs.js';

const require = createRequire(import.meta.url);
const documented = new Set(Object.values(CLASS_OF));

/** Every entry point the package exports (package.json `exports`), by its dist file name. */
const ENTRIES = ['index', 'schema', 'live', 'model', 'golden', 'kernel', 'export'];

async function loadEntry(format: string, entry: string): Promise<Record<string, unknown>> {
  const file = `../../dist/${entry}.${format === 'esm' ? 'js' : 'cjs'}`;
  return (format === 'esm' ? await import(file) : require(file)) as Record<string, unknown>;
}

test.each(['esm', 'cjs'])('%s build: every exported *Error class is a named FanotifyCodecError', async (format) => {
  const m = await loadEntry(format, 'index');
  const root = m['FanotifyCodecError'] as new (...args: never[]) => Error;
  const exported = new Map<string, unknown>();
  for (const entry of ENTRIES) for (const [name, value] of Object.entries(await loadEntry(format, entry))) exported.set(name, value);
  const errorClasses = [...exported].filter(([name, value]) => name.endsWith('Error') && typeof value === 'function');
  expect(errorClasses.length).toBeGreaterThanOrEqual(15);
  for (const [name, value] of errorClasses) {
    const cls = value as { prototype: unknown; name: string };
    expect(cls.name, name).toBe(name);
    if (name === 'FanotifyCodecError') continue;
    expect(cls.prototype instanceof root, `${name} extends FanotifyCodecError`).toBe(true);
    // FanotifyError is the live layer's abstract base: every code it carries belongs to a subclass.
    if (name !== 'FanotifyError') expect(documented.has(name), `${name} is named in docs/errors.md`).toBe(true);
  }
  let caught: unknown;
  try {
    (m['decodeEventObjects'] as (b: Uint8Array) => unknown)(new Uint8Array(30));
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(root);
  expect(String((caught as Error).stack).split('\n')[0]).toMatch(/^FanotifyDecodeError: DECODE_/);
});
