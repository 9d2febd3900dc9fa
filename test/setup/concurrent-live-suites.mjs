#!/usr/bin/env node
// Proves that two copies of the live suite on one machine do not break each other: runs
// `npx vitest run test/live` twice at the same time in this checkout (as root, like CI) and
// exits 0 only if both pass. Prints each run's wall time and the total.
//
//   sudo node test/setup/concurrent-live-suites.mjs [copies=2]
//
// The suites share the machine-wide lock (test/setup/machine-lock.ts) for sysctls, loop devices
// and mounts; everything else they make lives in their own temp directories.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const copies = Number(process.argv[2] ?? 2);

function runSuite(index) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', 'test/live', '--reporter=dot'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ index, code, seconds: (Date.now() - started) / 1000, output }));
  });
}

const started = Date.now();
const results = await Promise.all(Array.from({ length: copies }, (_, i) => runSuite(i + 1)));
for (const r of results) {
  const summary = r.output.split('\n').filter((l) => /Test Files|Tests /.test(l)).join(' | ').replace(/\x1b\[[0-9;]*m/g, '');
  console.log(`suite ${r.index}: exit ${r.code} in ${r.seconds.toFixed(1)} s  ${summary}`);
  if (r.code !== 0) console.log(r.output);
}
console.log(`${copies} concurrent suites: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
