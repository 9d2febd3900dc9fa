// Shared helpers for the addon build scripts (install.mjs, build.mjs,
// prebuild.mjs): where things live, how to find node-gyp and Node headers,
// and how to check that a built binary actually loads.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
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
export const buildOutput = buildOutputIn(nativeDir);

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

/** Where node-gyp leaves the binary when it builds in `dir`. */
export function buildOutputIn(dir) {
  return path.join(dir, 'build', 'Release', addonFile);
}

/**
 * Runs `node-gyp rebuild` in `dir` (native/ unless a staging copy is given), quietly unless it
 * fails. Never throws.
 * @param {object} [options]
 * @param {string} [options.dir] directory holding binding.gyp and the sources
 * @param {string} [options.node] node binary that runs node-gyp (and whose ABI is the target)
 * @param {string} [options.nodedir] Node headers directory (`--nodedir`)
 * @param {string} [options.arch] target architecture for a cross build; the result is then not
 *   load-checked (it cannot run here)
 * @param {Record<string, string>} [options.env] extra environment (CC, LINK for a cross build)
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function buildAddon({ dir = nativeDir, node = process.execPath, nodedir = findNodeDir(), arch, env = {} } = {}) {
  const gyp = findNodeGyp();
  const command = gyp.command === process.execPath ? node : gyp.command;
  const args = [...gyp.args, 'rebuild', ...(nodedir ? [`--nodedir=${nodedir}`] : []), ...(arch ? [`--arch=${arch}`] : [])];
  const target = `${arch ? `linux-${arch} ` : ''}native addon`;
  console.log(`fanotify-codec: building the ${target} with ${gyp.label}${nodedir ? ` (headers from ${nodedir})` : ''}`);
  // node-gyp's ~80 lines of progress are noise when it works: they are shown only when it fails
  // (or with FANOTIFY_CODEC_VERBOSE_BUILD=1).
  const verbose = Boolean(process.env.FANOTIFY_CODEC_VERBOSE_BUILD);
  const result = spawnSync(command, args, {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: verbose ? 'inherit' : 'pipe',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) return { ok: false, reason: `could not run ${gyp.label}: ${result.error.message}` };
  if (result.status !== 0) {
    if (!verbose) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    return { ok: false, reason: `node-gyp exited with ${result.status ?? result.signal}` };
  }
  return arch ? { ok: true } : checkLoads(buildOutputIn(dir), node);
}

/** ELF e_machine values by Node's arch name, to check that a build made the architecture it claims. */
const ELF_MACHINE = { x64: 62, arm64: 183 };

/**
 * Architecture of an ELF shared object, by Node's arch name, or `undefined` when it is not an
 * ELF file of a known machine.
 * @param {string} file
 */
export function elfArch(file) {
  const header = readFileSync(file).subarray(0, 20);
  if (header.length < 20 || header.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const machine = header.readUInt16LE(18);
  return Object.keys(ELF_MACHINE).find((arch) => ELF_MACHINE[arch] === machine);
}

/**
 * Builds the shipped binary for linux-`arch` (this machine's arch, or another with a cross
 * compiler in `env`) and moves it to prebuilds/linux-`arch`. It builds in a private staging copy
 * of native/ (temp/native-linux-ARCH-PID), so it never touches native/build, which running
 * tests may be loading, nor a concurrent build; and it renames the result into place, so a
 * concurrent `npm pack` never reads half a file. Never throws.
 * @param {object} [options]
 * @param {string} [options.arch] Node's name for the target architecture
 * @param {Record<string, string>} [options.env] extra environment (CC, LINK for a cross build)
 * @returns {{ ok: true, file: string } | { ok: false, reason: string }}
 */
export function buildPrebuild({ arch = process.arch, env = {} } = {}) {
  const stage = path.join(packageRoot, 'temp', `native-linux-${arch}-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  try {
    for (const name of readdirSync(nativeDir)) {
      if (/\.(c|h)$/.test(name) || name === 'binding.gyp') copyFileSync(path.join(nativeDir, name), path.join(stage, name));
    }
    const built = buildAddon({ dir: stage, arch: arch === process.arch ? undefined : arch, env });
    if (!built.ok) return built;
    const output = buildOutputIn(stage);
    const machine = elfArch(output);
    if (machine !== arch) return { ok: false, reason: `${output} is ${machine ?? 'not an ELF file of a known machine'}, not ${arch}` };
    const file = prebuildPath('linux', arch);
    mkdirSync(path.dirname(file), { recursive: true });
    renameSync(output, file); // the staging dir is on the same file system: an atomic replace
    return { ok: true, file };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * Loads a binary in a child process, so a crashing or incompatible binary
 * cannot take this script down.
 * @param {string} file the `.node` binary
 * @param {string} [node] node binary to load it with (another Node version's, for its ABI)
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function checkLoads(file, node = process.execPath) {
  if (!existsSync(file)) return { ok: false, reason: `${file} does not exist` };
  const probe = `const b = require(${JSON.stringify(file)}); if (typeof b.addonVersion !== 'number') process.exit(3);`;
  const result = spawnSync(node, ['-e', probe], { encoding: 'utf8' });
  if (result.status === 0) return { ok: true };
  const detail = (result.stderr || '').trim().split('\n').find((line) => line.includes('Error')) ?? `exit ${result.status ?? result.signal}`;
  return { ok: false, reason: `${file} does not load: ${detail}` };
}
