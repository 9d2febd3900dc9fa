/**
 * The published types stand alone: `npm pack`, install the tarball into temp consumer projects
 * (one without @types/node anywhere, one with it), and type-check the consumer files in
 * test/package/consumer with TypeScript 5.9 and 7 (devDependencies `typescript-5.9`,
 * `typescript-7`), `skipLibCheck: false` so the package's own .d.ts/.d.cts are checked, ESM and
 * CommonJS, and with a bundler's resolution. The root and the node-free subpaths compile with
 * `lib: ["ES2022"]` and no Node types; `/live` and `/golden` compile with @types/node, their
 * optional peer.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'fanotify-consumer-types-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const COMPILERS = { '5.9': 'typescript-5.9', '7': 'typescript-7' } as const;
type Compiler = keyof typeof COMPILERS;

/**
 * A consumer project under tmp with the packed package installed and `files` copied from
 * test/package/consumer; Node's module resolution, or a bundler's.
 */
function consumer(name: string, files: string[], withNode: boolean, tarball: string, resolution: 'node' | 'bundler' = 'node'): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir, stdio: 'pipe' });
  // @types/node as a consumer installs it: the copy this repository locks, with its dependency.
  if (withNode)
    for (const pkg of ['@types/node', 'undici-types']) cpSync(path.join(root, 'node_modules', pkg), path.join(dir, 'node_modules', pkg), { recursive: true });
  for (const file of files) cpSync(path.join(root, 'test/package/consumer', file), path.join(dir, file));
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2022'],
    module: resolution === 'node' ? 'NodeNext' : 'ESNext',
    moduleResolution: resolution === 'node' ? 'NodeNext' : 'Bundler',
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types: withNode ? ['node'] : [],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
  return dir;
}

/** Runs tsc of `compiler` in `dir`; returns its output and exit status. */
function typeCheck(compiler: Compiler, dir: string): { status: number; output: string } {
  const tsc = path.join(path.dirname(require.resolve(`${COMPILERS[compiler]}/package.json`)), 'bin/tsc');
  try {
    return { status: 0, output: execFileSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: e.stdout + e.stderr };
  }
}

const projects: Record<'bare' | 'node' | 'bundler', string> = { bare: '', node: '', bundler: '' };

beforeAll(() => {
  // --ignore-scripts: types need no prebuild; dist/ is what `npm run build` made (npm test builds first).
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp], { cwd: root, stdio: 'pipe' });
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  projects.bare = consumer('bare', ['root.mts', 'root.cts'], false, path.join(tmp, tarball));
  projects.node = consumer('node', ['root.mts', 'root.cts', 'node.mts', 'node.cts'], true, path.join(tmp, tarball));
  projects.bundler = consumer('bundler', ['root.mts'], false, path.join(tmp, tarball), 'bundler');
}, 300_000);

describe.each(Object.keys(COMPILERS) as Compiler[])('TypeScript %s', (compiler) => {
  it('runs the compiler it names', () => {
    const tsc = path.join(path.dirname(require.resolve(`${COMPILERS[compiler]}/package.json`)), 'bin/tsc');
    expect(execFileSync(process.execPath, [tsc, '--version'], { encoding: 'utf8' })).toMatch(new RegExp(`^Version ${compiler.replace('.', '\\.')}\\.`));
  });

  it('type-checks the root and node-free subpaths without @types/node (ESM and CommonJS)', () => {
    const { status, output } = typeCheck(compiler, projects.bare);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);

  it('type-checks every entry, /live and /golden included, with @types/node (ESM and CommonJS)', () => {
    const { status, output } = typeCheck(compiler, projects.node);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);

  it('type-checks the root and node-free subpaths with a bundler\'s module resolution, without @types/node', () => {
    const { status, output } = typeCheck(compiler, projects.bundler);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);

  it('needs @types/node for /live: without it the bare project cannot type-check /live (so it is really bare)', () => {
    const dir = path.join(tmp, `live-bare-${compiler}`);
    cpSync(projects.bare, dir, { recursive: true });
    cpSync(path.join(root, 'test/package/consumer/node.cts'), path.join(dir, 'root.cts'));
    const { status, output } = typeCheck(compiler, dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(/fanotify-codec\/dist\/.*\.d\.cts.*(TS2307|TS2580|TS2591).*node/);
  }, 120_000);

  it('reports a type error in a consumer (the check is live)', () => {
    const dir = path.join(tmp, `broken-${compiler}`);
    cpSync(projects.bare, dir, { recursive: true });
    writeFileSync(path.join(dir, 'root.cts'), "import { decodeEvents } from 'fanotify-codec';\nconst n: string = [...decodeEvents(new Uint8Array(0))][0]!.pid;\nvoid n;\n");
    const { status, output } = typeCheck(compiler, dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(/root\.cts.*TS2322/);
  }, 120_000);
});
