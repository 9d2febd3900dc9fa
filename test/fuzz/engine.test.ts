/**
 * The fuzz engine itself, bundled and run as the CI run is (test/fuzz/build.mjs, own temp
 * directory): coverage feedback reaches a planted bug (a 4-byte magic compared one byte at a
 * time) that blind mutation does not reach in as many executions.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../export/support/corpus-files.js';

let dir = '';

beforeAll(() => {
  fs.mkdirSync(path.join(ROOT, 'temp'), { recursive: true });
  dir = fs.mkdtempSync(path.join(ROOT, 'temp', 'fuzz-self-test-'));
  execFileSync(process.execPath, ['test/fuzz/build.mjs', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  readonly executions: number;
  readonly features: number;
  readonly findings: readonly { name: string; message: string; input: number[] }[];
}

it('coverage feedback reaches the planted bug; blind mutation does not', () => {
  const stdout = execFileSync(process.execPath, [path.join(dir, 'run.mjs'), '--self-test', '--seconds', '30', '--seed', '7'], { cwd: ROOT, encoding: 'utf8' });
  const { guided, blind } = JSON.parse(stdout) as { guided: Outcome; blind: Outcome };
  console.info(`fuzz engine self-test: planted bug after ${guided.executions} guided executions (${guided.features} features); blind: ${blind.findings.length} findings in ${blind.executions}`);
  expect(guided.findings.map((f) => [f.name, f.message, f.input.slice(0, 4)])).toEqual([['TypeError', 'planted bug reached', [0x46, 0x41, 0x4e, 0x4f]]]);
  expect(guided.features).toBeGreaterThanOrEqual(5);
  expect(blind.executions).toBeGreaterThanOrEqual(guided.executions);
  expect(blind.findings).toEqual([]);
});
