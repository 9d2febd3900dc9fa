/**
 * The built CLI's layout (tsup.config.ts): dist/cli.cjs (the dispatcher, the package's bin) and
 * dist/cli/NAME.cjs for each command src/cli/commands/hot.ts re-exports are self-contained
 * CommonJS files, so a `stats` run loads two files and starts no ES-module loader; every other
 * command is an entry of the shared-chunk build, dist/cli/NAME.js, and dist/cli.js keeps
 * `node dist/cli.js` working. What
 * that split could break is checked through the built CLI: a usage error crosses from a command's
 * copy of `UsageError` to the dispatcher's, and `export --records` imports a user's module that
 * uses the package's own `fanotify-codec/schema`. Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOT_COMMANDS, hotFile, OTHER_COMMANDS } from '../../tsup.config.js';

const root = path.resolve(import.meta.dirname, '../..');
const dist = path.join(root, 'dist');
const cli = path.join(dist, 'cli.cjs');
let scratch = '';

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.cjs is missing: run `npm run build` (npm test does) before this test');
  // Inside the package, so the module below resolves `fanotify-codec/schema` to this package's dist.
  mkdirSync(path.join(root, 'temp'), { recursive: true });
  scratch = mkdtempSync(path.join(root, 'temp', 'cli-layout-'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/**
 * The specifiers a built file imports: static (`from "x"`, `import "x"`), dynamic (`import("x")`)
 * and required (`require("x")`).
 */
function importsOf(file: string): { static: string[]; dynamic: string[]; required: string[] } {
  const text = readFileSync(file, 'utf8');
  return {
    static: [...text.matchAll(/^(?:import|export)\b[^;]*?["']([^"']+)["'];?$/gm)].map((m) => m[1]!),
    dynamic: [...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!),
    required: [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!),
  };
}

const isRelative = (specifier: string): boolean => specifier.startsWith('.');

function runCli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('built CLI layout', () => {
  const hot = [...HOT_COMMANDS];

  it('bundles stats, decode and normalize each into its own dist/cli/NAME.cjs, with nothing of the package outside it', () => {
    expect(hot.sort()).toEqual(['decode', 'normalize', 'stats']);
    // Every command is built once: hot, or an entry of the shared-chunk build.
    const commands = readdirSync(path.join(root, 'src/cli/commands')).filter((f) => f !== 'index.ts' && f !== 'hot.ts');
    expect([...hot, ...OTHER_COMMANDS].sort()).toEqual(commands.map((f) => f.replace(/\.ts$/, '')).sort());
    for (const name of hot) {
      const imports = importsOf(path.join(dist, hotFile(name)));
      expect([...imports.static, ...imports.dynamic, ...imports.required].filter(isRelative)).toEqual([]);
    }
    // The bundles are minified but keep their names: a stack trace still says where it was.
    const stats = readFileSync(path.join(dist, hotFile('stats')), 'utf8');
    expect(stats).toMatch(/\bEventStatistics=class\b/);
    expect(stats).toMatch(/\bcountScanned\(k\)\{/);
  });

  it('dist/cli.cjs imports no shared chunk, requires the bundle of each hot command and imports each other command from its built file', () => {
    const { static: fixed, dynamic, required } = importsOf(cli);
    expect(fixed.filter(isRelative)).toEqual([]);
    expect(required.filter(isRelative).sort()).toEqual(hot.map(hotFile).sort());
    expect(dynamic.filter(isRelative).sort()).toEqual(OTHER_COMMANDS.map((name) => `./cli/${name}.js`).sort());
    for (const file of [...hot.map(hotFile), ...dynamic.filter(isRelative)]) expect(existsSync(path.join(dist, file))).toBe(true);
    const bin = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['fanotify-codec'];
    expect(path.resolve(root, bin!)).toBe(cli);
  });

  it('node dist/cli.js runs the same CLI', () => {
    const r = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'stats', '--json', 'corpus/ext4/many-events/capture.bin'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(runCli(['stats', '--json', 'corpus/ext4/many-events/capture.bin']).stdout);
    expect(JSON.parse(r.stdout)).toMatchObject({ events: 300 });
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
