// Shared helpers for the addon build scripts (install.mjs, build.mjs,
// prebuild.mjs): where things live, how to find node-gyp and Node headers,
// and how to check that a built binary actually loads.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directory holding binding.gyp and the C sources. */
export const nativeDir = path.dirname(fileURLToPath(import.meta.url));
/** Root of the fanotify-codec package. */
export const packageRoot = path.dirname(nativeDir);
/** File name of the addon binary. */
export const addonFile = 'fanotify_codec.node';
/** Where node-gyp leaves the binary (node-gyp builds next to binding.gyp). */
export const buildOutput = path.join(nativeDir, 'build', 'Release', addonFile);

/** Location of the shipped binary for a platform, as the loader expects it. */
export function prebuildPath(platform = process.platform, arch = process.arch) {
  return path.join(packageRoot, 'prebuilds', `${platform}-${arch}`, addonFile);
}

/**
 * node-gyp to run, in order of preference: the copy npm announces to
 * lifecycle scripts, the copy bundled with the npm next to this node, a
 * local devDependency, and finally npx.
 */
export function findNodeGyp() {
  const scripts = [
    process.env.npm_config_node_gyp,
    path.join(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ];
  try {
    scripts.push(createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed locally
  }
  const script = scripts.find((candidate) => candidate && candidate.endsWith('.js') && existsSync(candidate));
  return script
    ? { command: process.execPath, args: [script], label: script }
    : { command: 'npx', args: ['--yes', 'node-gyp'], label: 'npx node-gyp' };
}

/**
 * Node headers to build against without a network download: the install
 * prefix of the running node, else /usr. `undefined` lets node-gyp decide
 * (an explicit npm_config_nodedir always wins).
 */
export function findNodeDir() {
  if (process.env.npm_config_nodedir) return undefined;
  const prefixes = [path.resolve(path.dirname(process.execPath), '..'), '/usr'];
  return prefixes.find((prefix) => existsSync(path.join(prefix, 'include/node/node_api.h')));
}

/**
 * Runs `node-gyp rebuild` in native/. Never throws.
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function buildAddon() {
  const gyp = findNodeGyp();
  const nodedir = findNodeDir();
  const args = [...gyp.args, 'rebuild', ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
  console.log(`fanotify-codec: building the native addon with ${gyp.label}${nodedir ? ` (headers from ${nodedir})` : ''}`);
  // node-gyp's ~80 lines of progress are noise when it works: they are shown only when it fails
  // (or with FANOTIFY_CODEC_VERBOSE_BUILD=1).
  const verbose = Boolean(process.env.FANOTIFY_CODEC_VERBOSE_BUILD);
  const result = spawnSync(gyp.command, args, { cwd: nativeDir, stdio: verbose ? 'inherit' : 'pipe', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return { ok: false, reason: `could not run ${gyp.label}: ${result.error.message}` };
  if (result.status !== 0) {
    if (!verbose) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    return { ok: false, reason: `node-gyp exited with ${result.status ?? result.signal}` };
  }
  return checkLoads(buildOutput);
}

/**
 * Loads a binary in a child process, so a crashing or incompatible binary
 * cannot take this script down.
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function checkLoads(file) {
  if (!existsSync(file)) return { ok: false, reason: `${file} does not exist` };
  const probe = `const b = require(${JSON.stringify(file)}); if (typeof b.addonVersion !== 'number') process.exit(3);`;
  const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  if (result.status === 0) return { ok: true };
  const detail = (result.stderr || '').trim().split('\n').find((line) => line.includes('Error')) ?? `exit ${result.status ?? result.signal}`;
  return { ok: false, reason: `${file} does not load: ${detail}` };
}
