/**
 * The built CLI's layout (tsup.config.ts): dist/cli.js (the dispatcher) and dist/cli/hot.js (the
 * commands src/cli/commands/hot.ts re-exports) are self-contained, so a `stats` run loads those
 * two files; every other command is an entry of the shared-chunk build, dist/cli/NAME.js. What
 * that split could break is checked through the built CLI: a usage error crosses from a command's
 * copy of `UsageError` to the dispatcher's, and `export --records` imports a user's module that
 * uses the package's own `fanotify-codec/schema`. Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOT_COMMANDS, OTHER_COMMANDS } from '../../tsup.config.js';

const root = path.resolve(import.meta.dirname, '../..');
const dist = path.join(root, 'dist');
const cli = path.join(dist, 'cli.js');
let scratch = '';

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does) before this test');
  // Inside the package, so the module below resolves `fanotify-codec/schema` to this package's dist.
  mkdirSync(path.join(root, 'temp'), { recursive: true });
  scratch = mkdtempSync(path.join(root, 'temp', 'cli-layout-'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The specifiers a built file imports: static (`from "x"`, `import "x"`) and dynamic (`import("x")`). */
function importsOf(file: string): { static: string[]; dynamic: string[] } {
  const text = readFileSync(file, 'utf8');
  return {
    static: [...text.matchAll(/^(?:import|export)\b[^;]*?["']([^"']+)["'];?$/gm)].map((m) => m[1]!),
    dynamic: [...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!),
  };
}

const isRelative = (specifier: string): boolean => specifier.startsWith('.');

function runCli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('built CLI layout', () => {
  const hot = [...HOT_COMMANDS];

  it('bundles stats, decode and normalize, and nothing of the package, into dist/cli/hot.js', () => {
    expect(hot.sort()).toEqual(['decode', 'normalize', 'stats']);
    // Every command is built once: hot, or an entry of the shared-chunk build.
    const commands = readdirSync(path.join(root, 'src/cli/commands')).filter((f) => f !== 'index.ts' && f !== 'hot.ts');
    expect([...hot, ...OTHER_COMMANDS].sort()).toEqual(commands.map((f) => f.replace(/\.ts$/, '')).sort());
    expect(importsOf(path.join(dist, 'cli/hot.js')).static.filter(isRelative)).toEqual([]);
    expect(importsOf(path.join(dist, 'cli/hot.js')).dynamic.filter(isRelative)).toEqual([]);
  });

  it('dist/cli.js imports no shared chunk, and loads each command from its built file', () => {
    const { static: fixed, dynamic } = importsOf(cli);
    expect(fixed.filter(isRelative)).toEqual([]);
    const expected = [...hot.map(() => './cli/hot.js'), ...OTHER_COMMANDS.map((name) => `./cli/${name}.js`)];
    expect(dynamic.filter(isRelative).sort()).toEqual(expected.sort());
    for (const file of new Set(expected)) expect(existsSync(path.join(dist, file))).toBe(true);
  });

  it.each(['stats', 'encode'])('a usage error of %s (its own UsageError class) exits 2 with the help hint', (name) => {
    const r = runCli([name, '--no-such-option']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`fanotify-codec ${name}: unknown option '--no-such-option'`);
    expect(r.stderr).toContain(`Run \`fanotify-codec ${name} --help\` for usage.`);
  });

  it('export --records describes a module that builds its records with the package’s fanotify-codec/schema', () => {
    const records = path.join(scratch, 'records.mjs');
    writeFileSync(
      records,
      [
        "import { fanotify_event_info_header, infoRecord, s32, cstring, struct } from 'fanotify-codec/schema';",
        "export const records = [infoRecord(struct('fanotify_event_info_location', { ...fanotify_event_info_header.fields, line: s32(), function: cstring() }), { type: 'location', infoType: 4, align: 1 })];",
        '',
      ].join('\n'),
    );
    const viaApi = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import { exportKsy } from 'fanotify-codec/export'; import { records } from ${JSON.stringify(records)}; process.stdout.write(exportKsy({ records }));`],
      { cwd: scratch, encoding: 'utf8' },
    );
    expect(viaApi.status).toBe(0);
    expect(viaApi.stdout).toContain('fanotify_event_info_location');
    const r = runCli(['export', 'ksy', '--records', records]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(viaApi.stdout);
  });
});
