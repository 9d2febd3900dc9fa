/**
 * The entry points and their API reports (etc/*.api.md, written by `npm run api:update`, checked
 * by `npm run api:check`) hold the promises of the public surface: every package.json subpath is
 * built by tsup and has its report; the root has at most 150 names; no report has an `@internal`
 * item; and a type one entry mentions but does not export (API Extractor's ae-forgotten-export,
 * which cannot see other entries) is exported by another entry, so a consumer can name it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import tsup from '../../tsup.config.js';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
const entries = Object.keys(pkg.exports).filter((k) => k !== './package.json').map((k) => (k === '.' ? 'index' : k.slice(2)));
const reportOf = (entry: string): string => readFileSync(path.join(root, 'etc', `${entry === 'index' ? 'fanotify-codec' : entry}.api.md`), 'utf8');

/** The names an API report says its entry exports. */
function exportedNames(report: string): Set<string> {
  return new Set([...report.matchAll(/^export (?:declare )?(?:abstract )?(?:const|function|class|type|interface|enum|namespace) (\w+)/gm)].map((m) => m[1]!));
}

it('builds, exports and reports the same entries', () => {
  const config = (Array.isArray(tsup) ? tsup[0] : tsup) as { entry: Record<string, string>; dts: { entry: Record<string, string> } };
  expect(Object.keys(config.dts.entry).sort()).toEqual([...entries].sort());
  for (const entry of entries) expect(config.entry[entry]).toBe(config.dts.entry[entry]);
  expect(entries).toEqual(expect.arrayContaining(['index', 'schema', 'live', 'model', 'golden']));
});

it('keeps the root at 150 names or fewer', () => {
  const names = exportedNames(reportOf('index'));
  expect(names.size).toBeGreaterThan(100);
  expect(names.size).toBeLessThanOrEqual(150);
});

it.each(entries)('%s: no @internal item in the report', (entry) => {
  expect(reportOf(entry)).not.toMatch(/@internal/);
});

it.each(entries)('%s: every type the entry mentions but does not export is exported by another entry', (entry) => {
  const forgotten = [...reportOf(entry).matchAll(/ae-forgotten-export\) The symbol "(\w+)"/g)].map((m) => m[1]!);
  const elsewhere = new Set(entries.filter((e) => e !== entry).flatMap((e) => [...exportedNames(reportOf(e))]));
  expect(forgotten.filter((name) => !elsewhere.has(name))).toEqual([]);
});
