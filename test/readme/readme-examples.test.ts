/**
 * The README's examples run as written: the main command, the kernel-model commands, and every
 * ```ts block, each executed by Node from a module under temp/ inside this checkout, so its
 * `'fanotify-codec'` and `'fanotify-codec/<subpath>'` imports resolve through package.json
 * `exports` to the build, as in an installed package. Each block's printed lines are checked, and
 * so are the README comments that show them. If one of these fails, the README is wrong.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'fanotify-readme-'));
mkdirSync(path.join(root, 'temp'), { recursive: true });
// Inside the checkout, so 'fanotify-codec' resolves to this package (a self-reference through `exports`).
const modules = mkdtempSync(path.join(root, 'temp', 'readme-examples-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(modules, { recursive: true, force: true });
});

function run(args: string[]): string {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does) before this test');
  return execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
}

/** Every ```ts block of the README, with the heading of the section it is in. */
const tsBlocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => {
  const before = readme.slice(0, m.index);
  return { heading: /\n(#+ [^\n]+)\n(?![\s\S]*\n#+ )/.exec(before)?.[1] ?? '', code: m[1]! };
});

/** The one ```ts block under `heading`. */
function tsBlock(heading: string): string {
  const found = tsBlocks.filter((b) => b.heading === heading);
  if (found.length !== 1) throw new Error(`expected one ts block under ${heading}, found ${found.length}`);
  return found[0]!.code;
}

/** Runs a README block as written (TypeScript stripped by esbuild) with Node; returns its stdout lines. */
function runBlock(code: string, env: Record<string, string> = {}): string[] {
  const file = path.join(modules, `example-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, transformSync(code, { loader: 'ts', format: 'esm', target: 'node20' }).code);
  const out = execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return out.trimEnd().split('\n');
}

/** Imports a README block as written (TypeScript stripped by esbuild) into this test process. */
async function importBlock(code: string): Promise<void> {
  const file = path.join(modules, `example-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, transformSync(code, { loader: 'ts', format: 'esm', target: 'node20' }).code);
  await import(file);
}

/** `lines` are what the block printed, and the block's comments show each of them. */
function expectPrinted(code: string, printed: string[], lines: string[]): void {
  expect(printed).toEqual(lines);
  for (const line of lines) expect(code).toContain(`// ${line}`);
}

describe('README', () => {
  it('opens with the main command, and it decodes the shipped rename capture', () => {
    const main = 'node dist/cli.js decode --format pretty corpus/ext4/dfid-name-target-rename/capture.bin';
    expect(readme.split("\n").slice(0, 12).join("\n")).toContain(`npm install && ${main}`);
    const out = run(main.split(' ').slice(2));
    expect(out).toMatch(/FAN_RENAME/);
    expect(out).toMatch(/OLD_DFID_NAME .*name="x"/);
    expect(out).toMatch(/NEW_DFID_NAME .*name="yy"/);
  });

  it('produces the documented golden stream from a scenario, without root', () => {
    const out = path.join(tmp, 'golden.bin');
    run(['produce', 'test/model/scenarios/dfid-name-create.json', '-o', out]);
    const lines = run(['decode', out]).trim().split('\n').map((l) => JSON.parse(l) as { event_len: number; mask_names: string[] });
    expect(lines.map((e) => e.event_len)).toEqual([92, 136]);
    expect(lines[0]!.mask_names).toEqual(['FAN_CREATE', 'FAN_ONDIR']);
    expect(lines[1]!.mask_names).toEqual(['FAN_RENAME']);
  });

  it('has only the ts blocks this test runs', () => {
    expect(tsBlocks.map((b) => b.heading)).toEqual([
      '## Decode and encode',
      '### Walking with a visitor',
      '## Schemas: declare your own records',
      '## Schemas beyond TypeScript',
      '## Kernel model: golden streams without a kernel',
      '## Corpus, CLI and golden files',
    ]);
  });

  it('encodes the documented 84-byte event and decodes it back', () => {
    const code = tsBlock('## Decode and encode');
    expectPrinted(code, runBlock(code), ['84', "[ 'FAN_CREATE', 'FAN_ONDIR' ] 13336", 'sub 8', '1 8']);
  });

  it('walks the documented two events with a visitor', () => {
    const code = tsBlock('### Walking with a visitor');
    expectPrinted(code, runBlock(code), ['mount 8589934599 2', "2 [ '4242 new.txt' ]"]);
  });

  it('declares, encodes and decodes the RFC location record as shown', () => {
    const code = tsBlock('## Schemas: declare your own records');
    expectPrinted(code, runBlock(code), ['44', '42 ext4_lookup']);
  });

  it('exports the schemas as Kaitai Struct and C', () => {
    const code = tsBlock('## Schemas beyond TypeScript');
    expectPrinted(code, runBlock(code), ['true true']);
  });

  it('runs the KernelModel snippet and reads one 52-byte CREATE|ONDIR event', () => {
    const code = tsBlock('## Kernel model: golden streams without a kernel');
    expectPrinted(code, runBlock(code), ['52 52']);
  });

  it('golden files: the first run with FANOTIFY_GOLDEN_UPDATE=1 writes the golden, the next one matches it', async () => {
    // Run inside this test, whose `expect` the example extends (vitest's expect works only in a test).
    const golden = path.join(tmp, 'golden', 'mkdir.jsonl');
    const code = tsBlock('## Corpus, CLI and golden files');
    expect(code).toContain("'test/golden/mkdir.jsonl'");
    const moved = code.replaceAll("'test/golden/mkdir.jsonl'", JSON.stringify(golden));
    const saved = process.env.FANOTIFY_GOLDEN_UPDATE;
    try {
      process.env.FANOTIFY_GOLDEN_UPDATE = '1';
      await importBlock(moved);
      const written = readFileSync(golden, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { mask_names: string[] });
      expect(written.map((e) => e.mask_names)).toEqual([['FAN_CREATE', 'FAN_ONDIR']]);
      delete process.env.FANOTIFY_GOLDEN_UPDATE;
      await importBlock(moved);
      // A golden that differs fails the matcher: the example really compares.
      writeFileSync(golden, readFileSync(golden, 'utf8').replace('"sub"', '"other"'));
      await expect(importBlock(moved)).rejects.toThrow(/name/);
    } finally {
      if (saved === undefined) delete process.env.FANOTIFY_GOLDEN_UPDATE;
      else process.env.FANOTIFY_GOLDEN_UPDATE = saved;
    }
  });
});

describe('README live example', () => {
  it('runs as written (with its watched directory moved into this test\'s temp dir)', async () => {
    if (process.getuid?.() !== 0) throw new Error('the live example needs root: run the tests as root');
    const section = readme.slice(readme.indexOf('## Live fanotify groups'));
    const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    if (!code) throw new Error('no ```js block in the README live section');
    expect(code.trim().split('\n').length).toBeLessThanOrEqual(10);
    const watched = mkdtempSync(path.join(tmp, 'watched-'));
    // Under temp/ in this checkout: 'fanotify-codec' resolves to this package's build.
    const script = path.join(modules, 'watch.mjs');
    writeFileSync(script, code.replaceAll("'/tmp'", JSON.stringify(watched)));
    const child = spawn(process.execPath, [script], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      // Touch until the group (opened at start-up) reports it; the first touch may precede the mark.
      for (let i = 0; i < 50 && !stdout.includes('FAN_CREATE'); i++) {
        writeFileSync(path.join(watched, `x${i}`), '');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stdout, stderr).toMatch(new RegExp(`^FAN_CREATE x\\d+ ${watched.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/x\\d+$`, 'm'));
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited, stderr).toBe(0);
  }, 30_000);
});
