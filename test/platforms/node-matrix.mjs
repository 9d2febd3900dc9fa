// `npm run test:nodes`: the codec, live and CLI suites on Node 22 and 24 (the full suite runs on
// the machine's Node 20 in `npm test`). For each Node it builds the addon with node-gyp against
// that Node's own headers (the registry package's include/node), run by that Node, so the live
// tests load a binary built for its ABI; then it runs vitest on that Node and prints one line
// per Node ("Node 22.23.5: 485 tests passed ..."). The host build (native/build) and the
// linux-x64 prebuild (which the loader would prefer) are set aside meanwhile and put back after.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildAddon, nativeDir, prebuildPath } from '../../native/gyp.mjs';
import { fetchNode, repoRoot } from './nodes.mjs';

const ROLES = ['x64-22', 'x64-24'];
const SUITES = ['test/codec', 'test/live', 'test/cli'];
const work = path.join(repoRoot, 'temp', 'node-matrix');
const aside = path.join(work, 'aside');
/** What is set aside while another Node's build is in place: [live path, parked path]. */
const PARKED = [
  [path.join(nativeDir, 'build'), path.join(aside, 'native-build')],
  [path.dirname(prebuildPath('linux', 'x64')), path.join(aside, 'prebuild-linux-x64')],
];

/** Puts back whatever an earlier (possibly interrupted) run set aside. */
function restore() {
  for (const [live, parked] of PARKED) {
    if (!existsSync(parked)) continue;
    rmSync(live, { recursive: true, force: true });
    renameSync(parked, live);
  }
}

function park() {
  mkdirSync(aside, { recursive: true });
  for (const [live, parked] of PARKED) if (existsSync(live)) renameSync(live, parked);
}

/** Builds the addon for one Node and runs the suites on it; returns the summary line. */
function runOn(role) {
  const { node, dir, version } = fetchNode(role);
  const abi = spawnSync(node, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).stdout.trim();
  rmSync(path.join(nativeDir, 'build'), { recursive: true, force: true });
  const built = buildAddon({ node, nodedir: dir });
  if (!built.ok) throw new Error(`Node ${version}: addon build failed: ${built.reason}`);

  const report = path.join(work, `vitest-${version}.json`);
  rmSync(report, { force: true });
  const started = Date.now();
  const vitest = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
  // Type tests (*.test-d.ts) run tsc, not this Node: the full suite on Node 20 covers them.
  const result = spawnSync(node, [vitest, 'run', ...SUITES, '--typecheck.enabled=false', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: repoRoot,
    stdio: 'inherit',
    // Tests that start `node` by name get this Node too.
    env: { ...process.env, PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (!existsSync(report)) throw new Error(`Node ${version}: vitest wrote no report (exit ${result.status ?? result.signal})`);
  const counts = JSON.parse(readFileSync(report, 'utf8'));
  const line =
    `Node ${version} (NODE_MODULE_VERSION ${abi}, addon built against its headers): ` +
    `${counts.numPassedTests} tests passed, ${counts.numFailedTests} failed, ${counts.numPendingTests + counts.numTodoTests} skipped ` +
    `(${SUITES.join(' ')}) in ${seconds} s`;
  if (result.status !== 0 || counts.numFailedTests > 0 || counts.numPassedTests === 0) throw new Error(line);
  return line;
}

function main() {
  restore();
  park();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      restore();
      process.exit(1);
    });
  }
  const lines = [];
  try {
    for (const role of ROLES) {
      const line = runOn(role);
      console.log(`node-matrix: ${line}`);
      lines.push(line);
    }
  } catch (error) {
    console.error(`node-matrix: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    restore();
  }
  for (const line of lines) console.log(`node-matrix: ${line}`);
}

main();
