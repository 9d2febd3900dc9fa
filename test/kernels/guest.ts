/**
 * The guest side of the real-kernel matrix: runs inside a QEMU guest booted with another kernel
 * (test/kernels/run.mjs bundles this file with esbuild). It runs every differential template
 * (test/model/differential/templates.ts) on ext4, tmpfs, xfs and btrfs with the same live runner
 * and environment as the host's differential test, and appends one JSON line per run to the
 * results file, which the host reads back and compares with the model.
 *
 * The templates' expectations are those of the host's kernel. Where this kernel answers a step
 * differently (an older release rejects a flag it lacks), the run is *adapted*, never dropped:
 * that step's expectation is removed so the kernel's answer becomes the scenario's; when the
 * step was a failed fanotify_init, the later steps on that group are removed (the kernel would
 * only say EBADF, which the model cannot express); when a failed init or mark leaves a later
 * step that should block without a permission event to block on, the scenario ends at that
 * step. The adapted scenario is then run again from scratch. Each adaptation is reported.
 *
 * Usage (in the guest): node guest.mjs <job.json>
 */
import { appendFileSync, closeSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { toHex } from '../../src/entries/golden.js';
import { NATIVE_ADDON_VERSION, type NativeBinding } from '../../src/live/native/binding.js';
import type { Scenario, ScenarioStep } from '../../src/model/index.js';
import { LiveEnv, type LiveFs, type LiveFsType } from '../model/differential/live-env.js';
import { runLive } from '../model/differential/live-runner.js';
import { bindRun } from '../model/differential/run-binding.js';
import { TEMPLATES, type Template } from '../model/differential/templates.js';
import type { Adaptation, GuestDone, GuestJob, GuestResult } from './protocol.js';

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as GuestJob;
const log = (text: string): void => void process.stderr.write(`[guest ${os.release()}] ${text}\n`);
const emit = (line: object): void => appendFileSync(job.results, JSON.stringify(line) + '\n');

const loaded = createRequire(import.meta.url)(job.addon) as NativeBinding & { addonVersion?: unknown };
if (loaded.addonVersion !== NATIVE_ADDON_VERSION) throw new Error(`${job.addon}: addonVersion ${String(loaded.addonVersion)}, expected ${NATIVE_ADDON_VERSION}`);
/**
 * STATX_MNT_ID_UNIQUE is 6.8's: on older kernels statx answers EOPNOTSUPP (-95) and the live
 * runner, which records every mount's unique id, could not run at all. There the legacy mount id
 * (fdinfo's mnt_id, unique among the guest's live mounts) stands in: the model shows a mount id
 * only in FAN_REPORT_MNT records (6.15), which such a kernel cannot produce, and otherwise only
 * needs one id per mount.
 */
const AT_HANDLE_FID = 0x200;
const b: NativeBinding = Object.create(loaded, {
  /**
   * AT_HANDLE_FID is 6.5's: older kernels answer EINVAL (-22). Every filesystem of the matrix
   * can export handles, and for those a plain handle is exactly what fanotify reports.
   */
  nameToHandleAt: {
    value: (dirfd: number, p: string | Uint8Array, flags: number) => {
      const r = loaded.nameToHandleAt(dirfd, p, flags);
      return r === -22 && flags & AT_HANDLE_FID ? loaded.nameToHandleAt(dirfd, p, flags & ~AT_HANDLE_FID) : r;
    },
  },
  mountIdUnique: {
    value: (p: string | Uint8Array): bigint | number => {
      const r = loaded.mountIdUnique(p);
      if (r !== -95) return r;
      const fd = openSync(typeof p === 'string' ? p : Buffer.from(p), 'r');
      try {
        const m = /^mnt_id:\s*(\d+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
        if (!m) throw new Error(`no mnt_id in /proc/self/fdinfo/${fd}`);
        return BigInt(m[1]!);
      } finally {
        closeSync(fd);
      }
    },
  },
}) as NativeBinding;

const EXPECTATION = /^step (\d+) \(([a-z_]+)\): the kernel returned (\S+), the template expects (.+)$/;

/** The steps of `scenario` after the adaptations, and the original index of each. */
function adapt(steps: readonly ScenarioStep[], adaptations: readonly Adaptation[]): { steps: ScenarioStep[]; origin: number[] } {
  const relaxed = new Set(adaptations.map((a) => a.step));
  const droppedGroups = new Map<string, number>();
  let end = steps.length;
  for (const a of adaptations) {
    if (a.dropGroup !== undefined) droppedGroups.set(a.dropGroup, a.step);
    if (a.truncate) end = Math.min(end, a.step + 1);
  }
  const out: ScenarioStep[] = [];
  const origin: number[] = [];
  steps.forEach((step, i) => {
    if (i >= end) return;
    const group = (step as { group?: string }).group;
    if (group !== undefined && droppedGroups.has(group) && i > droppedGroups.get(group)!) return;
    if (relaxed.has(i)) {
      const { expect: _e, ...rest } = step as ScenarioStep & { expect?: unknown };
      void _e;
      out.push(rest as ScenarioStep);
    } else out.push(step);
    origin.push(i);
  });
  return { steps: out, origin };
}

/** How to adapt the template after the kernel answered original step `i` differently. */
function adaptationFor(steps: readonly ScenarioStep[], i: number, returned: string, expected: string, earlier: readonly Adaptation[]): Adaptation {
  const step = steps[i]!;
  const a: Adaptation = { step: i, do: step.do, returned, expected };
  const blocksLater = steps.slice(i + 1).some((s) => (s as { expect?: unknown }).expect === 'blocked');
  if (step.do === 'fanotify_init' && !/^\d+$/.test(returned)) {
    const group = step.group;
    if (steps.slice(i + 1).some((s) => (s as { group?: string }).group === group)) a.dropGroup = group;
    // Without any group left the rest only exercises the filesystem: nothing to compare.
    const failed = new Set([group, ...earlier.map((e) => e.dropGroup)]);
    if (!steps.some((s) => s.do === 'fanotify_init' && !failed.has(s.group))) a.truncate = true;
  }
  if ((step.do === 'fanotify_init' || step.do === 'fanotify_mark') && blocksLater) a.truncate = true;
  return a;
}

const MAX_ATTEMPTS = 12;

async function runOne(env: LiveEnv, shared: LiveFs, template: Template, type: LiveFsType): Promise<GuestResult> {
  const built = template.build(type);
  const adaptations: Adaptation[] = [];
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const { steps, origin } = adapt(built.steps, adaptations);
    const scenario: Scenario = { ...built, steps };
    try {
      // As in test/model/differential/differential.test.ts: a fresh directory (or filesystem) per run.
      const { binding, preexisting } = bindRun(env, b, shared, template, type);
      const live = await runLive(b, scenario, new Map([['fs', binding]]), { preexisting });
      return { template: template.name, fs: type, ms: Date.now() - started, adaptations, scenario: live.scenario, stream: toHex(live.stream), reads: live.reads };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const m = EXPECTATION.exec(message);
      if (!m || attempt >= MAX_ATTEMPTS) {
        return { template: template.name, fs: type, ms: Date.now() - started, adaptations, error: error instanceof Error ? (error.stack ?? message) : message };
      }
      adaptations.push(adaptationFor(built.steps, origin[Number(m[1])]!, m[3]!, m[4]!, adaptations));
    }
  }
}

async function main(): Promise<void> {
  const env = new LiveEnv();
  try {
    for (const type of job.types) {
      let shared: LiveFs;
      try {
        shared = env.mount(type);
      } catch (error) {
        // Every run on this filesystem fails loudly, with the reason.
        for (const t of TEMPLATES.filter((t) => !t.on || t.on.includes(type)))
          emit({ template: t.name, fs: type, ms: 0, adaptations: [], error: `mounting ${type} failed: ${String(error)}` } satisfies GuestResult);
        continue;
      }
      const templates = TEMPLATES.filter((t) => (!t.on || t.on.includes(type)) && (!job.only || job.only.some((o) => t.name.includes(o))));
      for (const template of templates) {
        const r = await runOne(env, shared, template, type);
        emit(r);
        log(`${type} ${r.error ? 'ERROR' : 'ran'} ${(r.ms / 1000).toFixed(1)}s${r.adaptations.length ? ` (${r.adaptations.length} adapted)` : ''}: ${template.name}`);
      }
    }
  } finally {
    const problems = env.dispose();
    emit({ done: true, release: os.release(), version: os.version(), problems } satisfies GuestDone);
  }
}

await main();
