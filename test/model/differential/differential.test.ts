/**
 * Differential tests: every template is run on the real kernel (root; ext4 loop image, tmpfs,
 * xfs and btrfs images under our own temp dir) and on the model fed with the real fsids,
 * handles, pids and fd tables; the byte streams and every step's return value must be equal.
 * Without root, or without the addon, these tests fail (they never skip).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../../src/entries/golden.js';
import { loadNativeBinding } from '../../../src/live/native/load.js';
import type { NativeBinding } from '../../../src/live/native/binding.js';
import { runScenario } from '../../../src/model/index.js';
import { LiveEnv, liveUnavailableReason, type LiveFs, type LiveFsType } from './live-env.js';
import { runLive } from './live-runner.js';
import { bindRun } from './run-binding.js';
import { TEMPLATES } from './templates.js';

const TYPES: LiveFsType[] = ['ext4', 'tmpfs', 'xfs', 'btrfs'];
const matched = new Map<LiveFsType, number>(TYPES.map((t) => [t, 0]));
const ran = new Map<LiveFsType, number>(TYPES.map((t) => [t, 0]));

let env: LiveEnv | undefined;
let b: NativeBinding;
const shared = new Map<LiveFsType, LiveFs | Error>();

beforeAll(() => {
  const reason = liveUnavailableReason();
  if (reason) throw new Error(`the differential tests need a real fanotify kernel as root: ${reason}`);
  b = loadNativeBinding();
  env = new LiveEnv();
  for (const t of TYPES) {
    try {
      shared.set(t, env.mount(t));
    } catch (error) {
      shared.set(t, error as Error);
    }
  }
});

afterAll(() => {
  const problems = env?.dispose() ?? [];
  const summary = TYPES.map((t) => `${t} ${matched.get(t)}/${ran.get(t)}`).join(', ');
  const total = [...matched.values()].reduce((a, n) => a + n, 0);
  console.log(`kernel ${execFileSync('uname', ['-r']).toString().trim()}: ${total}/${[...ran.values()].reduce((a, n) => a + n, 0)} runs matched (${summary})`);
  if (problems.length) throw new Error(`cleanup problems: ${problems.join('; ')}`);
});

describe.each(TYPES)('differential on %s', (type) => {
  const templates = TEMPLATES.filter((t) => !t.on || t.on.includes(type));
  it.each(templates.map((t) => [t.name, t] as const))('%s', async (_name, template) => {
    const fs = shared.get(type);
    if (fs instanceof Error) throw fs;
    if (!fs || !env) throw new Error('environment not set up');
    ran.set(type, ran.get(type)! + 1);
    const scenario = template.build(type);
    const { binding, preexisting } = bindRun(env, b, fs, template, type);
    const live = await runLive(b, scenario, new Map([['fs', binding]]), { preexisting });
    const model = runScenario(live.scenario);
    expect(model.failures, 'step results differ from the kernel').toEqual([]);
    expect(toHex(model.stream)).toBe(toHex(live.stream));
    matched.set(type, matched.get(type)! + 1);
  });
});
