/**
 * Runs a scenario on the kernel model and collects what a real listener would have seen: the
 * bytes of every read, the result of every step, and what accessors blocked on permission
 * events finally got. Each step kind's behaviour lives in step-handlers.ts; this file builds the
 * model from the scenario's setup and drives the steps.
 *
 * @packageDocumentation
 */
import { hostByteOrder, type ByteOrder } from '../../codec/byte-order.js';
import { FanotifyModelError } from '../errors.js';
import { KernelModel } from '../kernel.js';
import type { ScenarioResult } from './records.js';
import { expectationHolds, RunnerState } from './runner-state.js';
import { ScenarioError } from './scenario-error.js';
import { runStep, toHandle, type StepOf } from './step-handlers.js';
import type { Scenario, StepKind } from './types.js';
import { validateScenario } from './validate.js';

export type { AccessorRecord, ExpectationFailure, ReadRecord, ScenarioResult, StepRecord } from './records.js';

/** Runs a setup action, turning the model's refusals into errors at `path`. */
function setup(path: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    if (error instanceof FanotifyModelError) throw new ScenarioError(path, error.message, 'STEP_FAILED');
    throw error;
  }
}

/** A fresh model with the scenario's options. */
function newModel(scenario: Scenario, byteOrder: ByteOrder): KernelModel {
  return new KernelModel({
    byteOrder,
    ...(scenario.kernel !== undefined ? { kernel: scenario.kernel } : {}),
    ...(scenario.sysctl?.maxQueuedEvents !== undefined ? { maxQueuedEvents: scenario.sysctl.maxQueuedEvents } : {}),
    ...(scenario.sysctl?.maxUserGroups !== undefined ? { maxUserGroups: scenario.sysctl.maxUserGroups } : {}),
    ...(scenario.sysctl?.maxUserMarks !== undefined ? { maxUserMarks: scenario.sysctl.maxUserMarks } : {}),
    experimental: { restartableEvents: scenario.experimental?.restartableEvents ?? false },
  });
}

/** Filesystems and namespaces, in scenario order. */
function addFilesystems(k: KernelModel, scenario: Scenario): void {
  (scenario.filesystems ?? []).forEach((fs, i) =>
    setup(`$.filesystems[${i}]`, () => {
      const sb = k.addFilesystem(
        fs.name,
        {
          type: fs.type,
          fsid: fs.fsid ?? [0x6d6f0000 + i, 0x6c650000 + i],
          ...(fs.handleType !== undefined ? { handleType: fs.handleType } : {}),
          ...(fs.handleBytes !== undefined ? { handleBytes: fs.handleBytes } : {}),
          ...(fs.allowHsm !== undefined ? { allowHsm: fs.allowHsm } : {}),
          ...(fs.rootIno !== undefined ? { rootIno: fs.rootIno } : {}),
        },
        fs.mountAt,
        { readOnly: fs.readOnly ?? false, ...(fs.mountId !== undefined ? { mountId: BigInt(fs.mountId) } : {}) },
      );
      const rootHandle = toHandle(fs.rootHandle, `$.filesystems[${i}].rootHandle`);
      if (rootHandle) sb.root.inode.setHandle(rootHandle);
    }),
  );
  (scenario.namespaces ?? []).forEach((ns, i) => setup(`$.namespaces[${i}]`, () => k.cloneNamespace(ns.name, ns.from ?? 'init')));
}

/** The objects that exist before the first step. */
function addTree(k: KernelModel, scenario: Scenario): void {
  (scenario.tree ?? []).forEach((obj, i) =>
    setup(`$.tree[${i}]`, () => {
      const handle = toHandle(obj.handle, `$.tree[${i}].handle`);
      k.createObject(obj.path, obj.type, {
        ...(handle ? { handle } : {}),
        ...(obj.size !== undefined ? { size: obj.size } : {}),
        ...(obj.target !== undefined ? { target: obj.target } : {}),
        ...(obj.mode !== undefined ? { mode: obj.mode } : {}),
        ...(obj.ns !== undefined ? { ns: obj.ns } : {}),
      });
    }),
  );
}

/** The processes (default: one `main`, pid 1000); returns the default actor's name. */
function addProcesses(k: KernelModel, scenario: Scenario): string {
  const processes = scenario.processes?.length ? scenario.processes : [{ name: 'main', pid: 1000 }];
  processes.forEach((p, i) =>
    setup(`$.processes[${i}]`, () =>
      k.addProcess(p.name, p.pid, {
        ...(p.tids ? { tids: p.tids } : {}),
        ...(p.fds ? { fds: p.fds } : {}),
        ...(p.privileged !== undefined ? { privileged: p.privileged } : {}),
        ...(p.nofile !== undefined ? { fdLimit: p.nofile } : {}),
        ...(p.uid !== undefined ? { uid: p.uid } : {}),
        ...(p.gid !== undefined ? { gid: p.gid } : {}),
        ...(p.ns ? { ns: p.ns } : {}),
      }),
    ),
  );
  return processes[0]!.name;
}

/** Steps on a group run as the group's creator unless `by` says otherwise. */
function actorOf(s: RunnerState, step: StepOf<StepKind>): string {
  if (step.by !== undefined) return step.by;
  if ('group' in step && step.do !== 'fanotify_init') {
    const g = s.groups.get(step.group);
    if (g) return g.task.process.name;
  }
  return s.defaultActor;
}

/** Runs step `index`, records it and checks its `expect`. */
function runIndexedStep(s: RunnerState, step: StepOf<StepKind>, index: number): void {
  const at = `$.steps[${index}]`;
  try {
    const by = actorOf(s, step);
    const record = runStep(s, step, { index, at, by, task: s.k.task(by, step.tid) });
    s.steps.push(record);
    if (step.expect !== undefined && !expectationHolds(step.expect, record.result, record.status)) s.fail(index, `${at}.expect`, step.expect, record.result, record.status);
  } catch (error) {
    if (error instanceof FanotifyModelError) throw new ScenarioError(at, error.message, 'STEP_FAILED');
    throw error;
  }
  s.collectCompleted(index);
}

/**
 * Runs `scenario` (validated first) on a fresh {@link KernelModel}.
 *
 * @param options - `byteOrder` overrides the scenario's byte order, `kernel` its kernel release.
 * @throws {@link ScenarioError} for an invalid scenario or a step the model refuses.
 * @public
 */
export function runScenario(input: Scenario | unknown, options: { readonly byteOrder?: ByteOrder; readonly kernel?: string } = {}): ScenarioResult {
  const given = options.kernel === undefined ? input : { ...(input as object), kernel: options.kernel };
  const scenario = validateScenario(given);
  const byteOrder = options.byteOrder ?? (scenario.byteOrder === undefined || scenario.byteOrder === 'host' ? hostByteOrder : scenario.byteOrder);
  const k = newModel(scenario, byteOrder);
  addFilesystems(k, scenario);
  addTree(k, scenario);
  const s = new RunnerState(k, byteOrder, addProcesses(k, scenario));
  scenario.steps.forEach((step, index) => runIndexedStep(s, step, index));
  s.checkUnfinished();
  return {
    stream: s.stream(),
    byteOrder,
    kernel: k.release.text,
    reads: s.reads,
    steps: s.steps,
    accessors: [...s.accessors.values()].map(({ step, do: d, by, tid, result, errno, completedAt }) => ({ step, do: d, by, tid, result, errno, completedAt })),
    failures: s.failures,
    model: k,
  };
}
