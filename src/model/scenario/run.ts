/**
 * Runs a scenario on the kernel model and collects what a real listener would have seen: the
 * bytes of every read, the result of every step, and what accessors blocked on permission
 * events finally got.
 *
 * @packageDocumentation
 */
import { hostByteOrder, type ByteOrder } from '../../codec/byte-order.js';
import { encodeResponse, FAN_DENY_ERRNO } from '../../codec/response.js';
import { fromHex } from '../../text/hex.js';
import { errnoName } from '../../kernel/errno.js';
import { FANOTIFY_PERM_EVENTS } from '../../kernel/bits.js';
import { FanotifyModelError } from '../errors.js';
import type { FileHandleValue } from '../file-handle.js';
import { KernelModel, type Operation, type OperationOutcome } from '../kernel.js';
import type { Task } from '../process.js';
import { ScenarioError } from './scenario-error.js';
import type { Expectation, Scenario, ScenarioHandle, ScenarioStep } from './types.js';
import { validateScenario } from './validate.js';
import { parseErrno, parseFlags } from './words.js';

/** One fanotify read: where its bytes are in the stream. @public */
export interface ReadRecord {
  /** Index of the `fanotify_read` step (0-based). */
  readonly step: number;
  /** The group read. */
  readonly group: string;
  /** Bytes returned, or a negative errno. */
  readonly result: number;
  /** The errno name of a failed read (`'EAGAIN'`), else null. */
  readonly errno: string | null;
  /** Offset of the read's bytes in the produced stream. */
  readonly offset: number;
  /** Length of the read's bytes (0 for a failed read). */
  readonly length: number;
  /** Number of events in the bytes. */
  readonly events: number;
  /** Event fds and pidfds the read installed in the reader. */
  readonly fds: readonly number[];
}

/** Outcome of one step. @public */
export interface StepRecord {
  /** Index of the step (0-based). */
  readonly step: number;
  /** The step's kind. */
  readonly do: string;
  /** Name of the process that performed it. */
  readonly by: string;
  /** Result (fd, byte count, 0) or a negative errno; null while blocked. */
  readonly result: number | null;
  /** The errno name of a negative result, else null. */
  readonly errno: string | null;
  /** `'blocked'`: the operation waits for a permission response (see the accessors). */
  readonly status: 'done' | 'blocked';
}

/** An operation that waited for a permission response, and what it finally returned. @public */
export interface AccessorRecord {
  /** Index of the step that blocked (0-based). */
  readonly step: number;
  /** The step's kind. */
  readonly do: string;
  /** Name of the process that performed it. */
  readonly by: string;
  /** Thread that performed it. */
  readonly tid: number;
  /** Final result or negative errno; null if still blocked at the end. */
  result: number | null;
  /** The errno name of a negative final result, else null. */
  errno: string | null;
  /** Step during which it completed (e.g. the response that allowed it). */
  completedAt: number | null;
}

/** An `expect`/`expectFinal` that did not hold. @public */
export interface ExpectationFailure {
  /** Index of the step (0-based). */
  readonly step: number;
  /** JSON path of the expectation, e.g. `$.steps[3].expect`. */
  readonly path: string;
  /** The expectation as written. */
  readonly expected: string;
  /** What happened: a result number, an errno name or `blocked`. */
  readonly actual: string;
}

/** Everything a scenario produced. @public */
export interface ScenarioResult {
  /** The bytes of every successful read, concatenated in step order. */
  readonly stream: Uint8Array;
  /** Byte order of `stream`. */
  readonly byteOrder: ByteOrder;
  /** The kernel release the model behaved as (`'6.18'` unless the scenario or the options said otherwise). */
  readonly kernel: string;
  /** Every `fanotify_read` step, failed ones included. */
  readonly reads: readonly ReadRecord[];
  /** Every step, in order. */
  readonly steps: readonly StepRecord[];
  /** Operations that blocked on a permission event, in step order. */
  readonly accessors: readonly AccessorRecord[];
  /** Expectations that did not hold (empty when all held). */
  readonly failures: readonly ExpectationFailure[];
  /** The model after the last step, for further inspection. */
  readonly model: KernelModel;
}

interface GroupState {
  readonly fd: number;
  readonly task: Task;
  /** fds of permission events read, in read order. */
  readonly permFds: number[];
  /** fds the reads installed (event fds, pidfds) and not closed yet. */
  readonly received: number[];
}

function toHandle(h: ScenarioHandle | undefined, path: string): FileHandleValue | undefined {
  if (!h) return undefined;
  const bytes = fromHex(h.hex);
  if (!bytes) throw new ScenarioError(path, 'bad hex');
  return { type: h.type, bytes };
}

function describe(result: number | null, status: 'done' | 'blocked'): string {
  if (status === 'blocked' || result === null) return 'blocked';
  return result < 0 ? errnoName(result) : String(result);
}

function matches(expect: Expectation, result: number | null, status: 'done' | 'blocked'): boolean {
  if (expect === 'blocked') return status === 'blocked';
  if (status === 'blocked' || result === null) return false;
  if (expect === 'ok') return result >= 0;
  if (typeof expect === 'number') return result === expect;
  return result === -parseErrno(expect, '');
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
  const k = new KernelModel({
    byteOrder,
    ...(scenario.kernel !== undefined ? { kernel: scenario.kernel } : {}),
    ...(scenario.sysctl?.maxQueuedEvents !== undefined ? { maxQueuedEvents: scenario.sysctl.maxQueuedEvents } : {}),
    ...(scenario.sysctl?.maxUserGroups !== undefined ? { maxUserGroups: scenario.sysctl.maxUserGroups } : {}),
    ...(scenario.sysctl?.maxUserMarks !== undefined ? { maxUserMarks: scenario.sysctl.maxUserMarks } : {}),
    experimental: { restartableEvents: scenario.experimental?.restartableEvents ?? false },
  });
  const setup = (path: string, fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      if (error instanceof FanotifyModelError) throw new ScenarioError(path, error.message);
      throw error;
    }
  };
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
  (scenario.tree ?? []).forEach((obj, i) =>
    setup(`$.tree[${i}]`, () => {
      const handle = toHandle(obj.handle, `$.tree[${i}].handle`);
      k.createObject(obj.path, obj.type, {
        ...(handle ? { handle } : {}),
        ...(obj.size !== undefined ? { size: obj.size } : {}),
        ...(obj.target !== undefined ? { target: obj.target } : {}),
        ...(obj.ns !== undefined ? { ns: obj.ns } : {}),
      });
    }),
  );
  const processes = scenario.processes?.length ? scenario.processes : [{ name: 'main', pid: 1000 }];
  processes.forEach((p, i) =>
    setup(`$.processes[${i}]`, () =>
      k.addProcess(p.name, p.pid, {
        ...(p.tids ? { tids: p.tids } : {}),
        ...(p.fds ? { fds: p.fds } : {}),
        ...(p.privileged !== undefined ? { privileged: p.privileged } : {}),
        ...(p.ns ? { ns: p.ns } : {}),
      }),
    ),
  );
  const defaultActor = processes[0]!.name;

  const groups = new Map<string, GroupState>();
  const files = new Map<string, { task: Task; fd: number }>();
  const chunks: Uint8Array[] = [];
  let streamLength = 0;
  const reads: ReadRecord[] = [];
  const steps: StepRecord[] = [];
  const accessors = new Map<number, AccessorRecord & { readonly expectFinal?: Expectation; readonly bindAs?: { readonly name: string; readonly task: Task } }>();
  const failures: ExpectationFailure[] = [];

  scenario.steps.forEach((step, index) => {
    const at = `$.steps[${index}]`;
    try {
      const record = runStep(step, index, at);
      steps.push(record);
      if (step.expect !== undefined && !matches(step.expect, record.result, record.status)) {
        failures.push({ step: index, path: `${at}.expect`, expected: String(step.expect), actual: describe(record.result, record.status) });
      }
    } catch (error) {
      if (error instanceof FanotifyModelError) throw new ScenarioError(at, error.message);
      throw error;
    }
    for (const done of k.completed.splice(0)) {
      const acc = accessors.get(done.id);
      if (!acc) continue;
      acc.result = done.result;
      acc.errno = done.result < 0 ? errnoName(done.result) : null;
      acc.completedAt = index;
      // A blocked open that names its fd gets the name once it completes.
      if (acc.bindAs && done.result >= 0) files.set(acc.bindAs.name, { task: acc.bindAs.task, fd: done.result });
      if (acc.expectFinal !== undefined && !matches(acc.expectFinal, done.result, 'done')) {
        failures.push({ step: acc.step, path: `$.steps[${acc.step}].expectFinal`, expected: String(acc.expectFinal), actual: describe(done.result, 'done') });
      }
    }
  });
  for (const acc of accessors.values()) {
    if (acc.completedAt === null && acc.expectFinal !== undefined && acc.expectFinal !== 'blocked') {
      failures.push({ step: acc.step, path: `$.steps[${acc.step}].expectFinal`, expected: String(acc.expectFinal), actual: 'blocked' });
    }
  }

  const stream = new Uint8Array(streamLength);
  let off = 0;
  for (const c of chunks) {
    stream.set(c, off);
    off += c.length;
  }
  return {
    stream,
    byteOrder,
    kernel: k.release.text,
    reads,
    steps,
    accessors: [...accessors.values()].map(({ step, do: d, by, tid, result, errno, completedAt }) => ({ step, do: d, by, tid, result, errno, completedAt })),
    failures,
    model: k,
  };

  function groupOf(name: string): GroupState {
    const g = groups.get(name);
    if (!g) throw new FanotifyModelError('NO_SUCH_OBJECT', `group '${name}' has no fanotify_init step before this one`);
    return g;
  }

  function fileOf(name: string): { task: Task; fd: number } {
    const f = files.get(name);
    if (!f) throw new FanotifyModelError('NO_SUCH_OBJECT', `file '${name}' is not open`);
    return f;
  }

  function done(index: number, step: ScenarioStep, by: string, result: number): StepRecord {
    return { step: index, do: step.do, by, result, errno: result < 0 ? errnoName(result) : null, status: 'done' };
  }

  function runStep(step: ScenarioStep, index: number, at: string): StepRecord {
    const by = step.by ?? ('group' in step && step.do !== 'fanotify_init' && groups.get(step.group) ? groups.get(step.group)!.task.process.name : defaultActor);
    const task = k.task(by, step.tid);
    switch (step.do) {
      case 'fanotify_init': {
        const fd = k.fanotifyInit(task, Number(parseFlags(step.flags, 'init', `${at}.flags`)), Number(parseFlags(step.eventFlags ?? [], 'open', `${at}.eventFlags`)));
        // A failed init leaves the program with fd -1, as C code that goes on would: later calls on
        // the group get EBADF, so one scenario runs on releases that lack one of its flags.
        groups.set(step.group, { fd: fd >= 0 ? fd : -1, task, permFds: [], received: [] });
        return done(index, step, by, fd);
      }
      case 'fanotify_mark': {
        const g = groupOf(step.group);
        const target = step.mntns !== undefined ? { mntns: step.mntns } : step.file !== undefined ? { fd: fileOf(step.file).fd } : step.path !== undefined ? { path: step.path } : null;
        return done(index, step, by, k.fanotifyMark(task, g.fd, Number(parseFlags(step.flags, 'mark', `${at}.flags`)), parseFlags(step.mask, 'event', `${at}.mask`), target));
      }
      case 'fanotify_read': {
        const g = groupOf(step.group);
        const before = new Set(task.process.fds.openFds());
        const r = k.read(task, g.fd, step.count ?? 65536);
        const installed = task.process.fds.openFds().filter((fd) => !before.has(fd));
        g.received.push(...installed);
        for (const ev of r.events) {
          if (BigInt(ev.mask) & BigInt(FANOTIFY_PERM_EVENTS)) g.permFds.push(ev.fd);
        }
        if (r.result > 0) {
          chunks.push(r.bytes);
          reads.push({ step: index, group: step.group, result: r.result, errno: null, offset: streamLength, length: r.bytes.length, events: r.events.length, fds: installed });
          streamLength += r.bytes.length;
        } else {
          reads.push({ step: index, group: step.group, result: r.result, errno: errnoName(r.result), offset: streamLength, length: 0, events: 0, fds: [] });
        }
        return done(index, step, by, r.result);
      }
      case 'fanotify_respond': {
        const g = groupOf(step.group);
        let bytes: Uint8Array;
        if (step.hex !== undefined) {
          bytes = fromHex(step.hex)!;
        } else {
          let fd: number;
          if (step.event !== undefined) {
            const f = g.permFds[step.event];
            if (f === undefined) throw new ScenarioError(`${at}.event`, `only ${g.permFds.length} permission event(s) were read from group '${step.group}'`);
            fd = f;
          } else {
            fd = step.fd!;
          }
          let response = Number(parseFlags(step.response ?? [], 'response', `${at}.response`));
          if (step.errno !== undefined) response = (response | FAN_DENY_ERRNO(parseErrno(step.errno, `${at}.errno`))) >>> 0;
          bytes = encodeResponse({ fd, response, ...(step.auditRule ? { audit_rule: step.auditRule } : {}) }, { byteOrder });
        }
        return done(index, step, by, k.write(task, g.fd, bytes));
      }
      case 'fionread':
        return done(index, step, by, k.fionread(task, groupOf(step.group).fd));
      case 'close_group': {
        const g = groupOf(step.group);
        groups.delete(step.group);
        return done(index, step, by, k.close(task, g.fd));
      }
      case 'open_queue': {
        const g = groupOf(step.group);
        const qfd = k.openQueueFd(task, g.fd);
        if (qfd >= 0) groups.set(step.group, { ...g, fd: qfd, control: g.fd } as GroupState);
        return done(index, step, by, qfd);
      }
      case 'close_queue': {
        const g = groupOf(step.group) as GroupState & { control?: number };
        if (g.control === undefined) throw new ScenarioError(at, `group '${step.group}' has no open queue fd`);
        groups.set(step.group, { fd: g.control, task: g.task, permFds: g.permFds, received: g.received });
        return done(index, step, by, k.close(task, g.fd));
      }
      case 'close_event_fds': {
        const g = groupOf(step.group);
        for (const fd of g.received.splice(0)) k.close(g.task, fd);
        return done(index, step, by, 0);
      }
      case 'set_fds':
        k.setOpenFds(task.process, step.fds);
        return done(index, step, by, 0);
      case 'setns':
        k.setNamespace(task.process, step.ns);
        return done(index, step, by, 0);
      default:
        return runOperation(step, index, task, by, at);
    }
  }

  function runOperation(step: ScenarioStep, index: number, task: Task, by: string, at: string): StepRecord {
    let op: Operation;
    const handle = 'handle' in step ? toHandle(step.handle, `${at}.handle`) : undefined;
    const h = handle ? { handle } : {};
    switch (step.do) {
      case 'open':
        op = { op: 'open', path: step.path, flags: Number(parseFlags(step.flags ?? [], 'open', `${at}.flags`)), ...h };
        break;
      case 'close':
        op = { op: 'close', fd: fileOf(step.file).fd };
        break;
      case 'read':
      case 'write':
        op = { op: step.do, fd: fileOf(step.file).fd, count: step.count, ...(step.offset !== undefined ? { offset: step.offset } : {}) };
        break;
      case 'mmap':
        op = { op: 'mmap', fd: fileOf(step.file).fd, offset: step.offset, length: step.length };
        break;
      case 'truncate':
        op = { op: 'truncate', path: step.path, length: step.length };
        break;
      case 'ftruncate':
        op = { op: 'ftruncate', fd: fileOf(step.file).fd, length: step.length };
        break;
      case 'mkdir':
      case 'mknod':
      case 'touch':
        op = { op: step.do, path: step.path, ...h };
        break;
      case 'write_file':
        op = { op: 'write_file', path: step.path, count: step.count, ...h };
        break;
      case 'symlink':
        op = { op: 'symlink', path: step.path, target: step.target, ...h };
        break;
      case 'link':
        op = { op: 'link', path: step.path, target: step.target };
        break;
      case 'unlink':
      case 'rmdir':
      case 'chmod':
        op = { op: step.do, path: step.path };
        break;
      case 'rename':
        op = { op: 'rename', from: step.from, to: step.to };
        break;
      case 'exec':
        op = { op: 'exec', path: step.path, runs: step.runs ?? false };
        break;
      case 'fs_error':
        op = { op: 'fs_error', fs: step.fs, errno: parseErrno(step.errno, `${at}.errno`), ...(step.path !== undefined ? { path: step.path } : {}) };
        break;
      case 'mount':
        op = {
          op: 'mount',
          target: step.target,
          ...(step.fs !== undefined ? { fs: step.fs } : {}),
          ...(step.bind !== undefined ? { bind: step.bind } : {}),
          readOnly: step.readOnly ?? false,
          ...(step.mountId !== undefined ? { mountId: BigInt(step.mountId) } : {}),
        };
        break;
      case 'umount':
        op = { op: 'umount', target: step.target };
        break;
      case 'move_mount':
        op = { op: 'move_mount', from: step.from, to: step.to };
        break;
      case 'exit':
        op = { op: 'exit' };
        break;
      default:
        throw new ScenarioError(at, `unhandled step '${step.do}'`);
    }
    const outcome: OperationOutcome = k.run(task, op);
    if (step.do === 'close' && outcome.status === 'done') files.delete(step.file);
    if (step.do === 'open' && step.as !== undefined && outcome.status === 'done' && outcome.result >= 0) files.set(step.as, { task, fd: outcome.result });
    if (outcome.status === 'blocked') {
      accessors.set(outcome.id, {
        ...(step.do === 'open' && step.as !== undefined ? { bindAs: { name: step.as, task } } : {}),
        step: index,
        do: step.do,
        by,
        tid: task.tid,
        result: null,
        errno: null,
        completedAt: null,
        ...(step.expectFinal !== undefined ? { expectFinal: step.expectFinal } : {}),
      });
      return { step: index, do: step.do, by, result: null, errno: null, status: 'blocked' };
    }
    return done(index, step, by, outcome.result);
  }
}
