/**
 * The README's "Adopting a group, permission deadlines, cached paths" examples run as written
 * against this checkout's source (bundled, with `'fanotify-codec'` and its subpaths pointing at
 * src/index.ts and src/entries/, and the example paths moved into this test's temp dir). Root
 * only: they open live groups. The "Testing your tool without root" example runs as user nobody,
 * to show it needs no root.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, beforeEach, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
let tmp: string;
const bundles: string[] = [];

beforeEach(() => {
  if (process.getuid?.() !== 0) throw new Error('the live README examples need root: run the tests as root');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'fanotify-readme-live-'));
});
afterEach(() => {
  for (const dir of [tmp, ...bundles.splice(0)]) rmSync(dir, { recursive: true, force: true });
});

/** The `index`th js block of the README subsection `heading`. */
function example(heading: string, index: number): string {
  const start = readme.indexOf(heading);
  const section = readme.slice(start, readme.indexOf('\n#', start + heading.length));
  const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  if (blocks[index] === undefined) throw new Error(`no js block ${index} under ${heading}`);
  return blocks[index];
}

/** Bundles `code` (importing this checkout's source, and the `modules` written next to it) into a runnable .mjs under temp/, for the addon loader. */
function bundle(code: string, name: string, modules: Record<string, string> = {}): string {
  const dir = path.join(root, 'temp');
  mkdirSync(dir, { recursive: true });
  const out = mkdtempSync(path.join(dir, `readme-${name}-`));
  bundles.push(out);
  for (const [file, text] of Object.entries(modules)) writeFileSync(path.join(out, file), text);
  const source = path.join(out, `${name}.ts`);
  const entry = (subpath: string | undefined): string => path.join(root, subpath ? `src/entries/${subpath}.ts` : 'src/index.ts');
  writeFileSync(source, code.replace(/'fanotify-codec(?:\/(\w+))?'/g, (_, subpath: string | undefined) => JSON.stringify(entry(subpath))));
  const outfile = path.join(out, `${name}.mjs`);
  buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
  return outfile;
}

const HEADING = '### Adopting a group, permission deadlines, cached paths';

it('adopt: the successor (inheriting the fd) prints the paths of files created after the parent closed its copy', async () => {
  const watched = path.join(tmp, 'data');
  mkdirSync(watched);
  const script = bundle(example(HEADING, 0).replaceAll("'/srv/data'", JSON.stringify(watched)), 'adopt');
  // Detached: the successor outlives the parent; the whole process group is killed at the end.
  const parent = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  parent.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  parent.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    for (let i = 0; i < 50 && !stdout.includes('FAN_CREATE'); i++) {
      writeFileSync(path.join(watched, `x${i}`), '');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stdout, stderr).toMatch(new RegExp(`^FAN_CREATE ${watched.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/x\\d+$`, 'm'));
  } finally {
    process.kill(-parent.pid!, 'SIGKILL');
  }
}, 30_000);

it('deadline: with a policy that never answers, an open() of the guarded file is denied after the 2 s bound', async () => {
  const secret = path.join(tmp, 'secret');
  writeFileSync(secret, 'x');
  const code = example(HEADING, 1).replaceAll("'/srv/data/secret'", JSON.stringify(secret));
  // The policy module the example imports: one that never answers.
  const script = bundle(code, 'deadline', { 'policy.js': 'export const policy = { allows: () => new Promise(() => {}) };\n' });
  const guard = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  guard.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    let result = { code: 'OK', ms: 0 };
    // Until the mark exists, opens pass untouched.
    for (let i = 0; i < 50 && result.code === 'OK'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const t = Date.now();
      const opener = spawnSync(process.execPath, ['-e', `try { require('fs').openSync(${JSON.stringify(secret)}, 'r'); console.log('OK') } catch (e) { console.log(e.code) }`], { encoding: 'utf8', timeout: 10_000 });
      result = { code: opener.stdout.trim(), ms: Date.now() - t };
    }
    expect(result.code, stderr).toBe('EPERM');
    expect(result.ms).toBeGreaterThanOrEqual(1900);
    expect(result.ms).toBeLessThan(5000);
    // The warning is written right after the verdict; let it arrive.
    for (let i = 0; i < 40 && !stderr.includes('no verdict'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stderr).toContain('no verdict within 2 s: denied LiveEvent(FAN_OPEN_PERM');
  } finally {
    guard.kill('SIGKILL');
  }
}, 30_000);

it('without root: the guard is tested in a model group and replayed over the corpus capture, as user nobody', () => {
  const script = bundle(example('### Testing your tool without root', 0), 'rootless');
  // mkdtemp makes the bundle's directory private to root.
  chmodSync(path.dirname(script), 0o755);
  const run = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8', uid: 65534, gid: 65534, timeout: 20_000 });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout.trim().split('\n')).toEqual(['true', '-1', "[ 'FAN_OPEN_PERM allow', 'FAN_OPEN_PERM deny' ]", '8 8 []']);
}, 30_000);

const BATCHES = '### Batches: keeping up with storms';

/** Starts a bundled README example watching `watched`; resolves its output once SIGINT ended it. */
function startExample(code: string, name: string, watched: string): { out: () => string; stop: () => Promise<number | null> } {
  const child = spawn(process.execPath, [bundle(code.replaceAll("'/srv/data'", JSON.stringify(watched)), name)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    out: () => out,
    stop: async () => {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

it('batches: the counter sees every create and delete, a read at a time, and exits on SIGINT', async () => {
  const watched = path.join(tmp, 'data');
  mkdirSync(watched);
  const example_ = startExample(example(BATCHES, 0), 'batches', watched);
  try {
    // Until the mark exists, creates pass unseen: probe until one is counted, then count from there.
    let probes = 0;
    for (; probes < 100 && !example_.out().includes('created'); probes++) {
      writeFileSync(path.join(watched, `probe${probes}`), '');
      await sleep(100);
    }
    const before = Number(/(\d+) created/.exec(example_.out().trim().split('\n').at(-1)!)?.[1]);
    for (let i = 0; i < 200; i++) writeFileSync(path.join(watched, `f${i}`), '');
    for (let i = 0; i < 50; i++) rmSync(path.join(watched, `f${i}`));
    const expected = `${before + 200} created, 50 deleted`;
    for (let i = 0; i < 100 && !example_.out().includes(expected); i++) await sleep(50);
    expect(example_.out()).toContain(expected);
  } finally {
    expect(await example_.stop(), example_.out()).toBe(0);
  }
}, 30_000);

it('content guard: reads through event.fd under FAN_ACCESS_PERM without waiting on itself; denies ELF files', async () => {
  const watched = path.join(tmp, 'data');
  mkdirSync(watched);
  writeFileSync(path.join(watched, 'notes'), 'plain text');
  writeFileSync(path.join(watched, 'tool'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]));
  const guard = startExample(example(BATCHES, 1), 'guard', watched);
  const open = (name: string): string =>
    spawnSync(process.execPath, ['-e', `try { const fs = require('fs'); fs.readFileSync(${JSON.stringify(path.join(watched, name))}); console.log('OK') } catch (e) { console.log(e.code) }`], {
      encoding: 'utf8',
      timeout: 10_000,
    }).stdout.trim();
  try {
    // Until the mark exists, the ELF file opens: wait for the guard to deny it.
    let tool = 'OK';
    for (let i = 0; i < 50 && tool === 'OK'; i++) {
      await sleep(100);
      tool = open('tool');
    }
    expect(tool, guard.out()).toBe('EPERM');
    // Opened and read (FAN_ACCESS_PERM answered too): the guard's own reads made no event to wait on.
    expect(open('notes'), guard.out()).toBe('OK');
  } finally {
    expect(await guard.stop(), guard.out()).toBe(0);
  }
}, 30_000);
