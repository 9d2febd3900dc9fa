/**
 * One handler per step kind. A *control* step (fanotify calls, fd-table and namespace changes)
 * runs against the model directly and returns its result; an *operation* step only says which
 * {@link Operation} it is — running it, blocking on permission events and recording the
 * accessor is common to all of them (see `runOperation`). A new operation is one entry here
 * (plus its fields in validate.ts and its type in types.ts).
 *
 * @packageDocumentation
 */
import { encodeResponse, FAN_DENY_ERRNO } from '../../codec/response.js';
import { FANOTIFY_PERM_EVENTS } from '../../kernel/bits.js';
import { errnoName } from '../../kernel/errno.js';
import { fromHex } from '../../text/hex.js';
import type { FileHandleValue } from '../file-handle.js';
import type { Operation, OperationOutcome } from '../kernel.js';
import type { Task } from '../process.js';
import type { StepRecord } from './records.js';
import type { RunnerState } from './runner-state.js';
import { ScenarioError } from './scenario-error.js';
import type { ScenarioHandle, ScenarioStep, StepKind } from './types.js';
import { parseErrno, parseFlags } from './words.js';

/** The step of kind `K` (intersection, so that shared variants such as `read | write` narrow). @internal */
export type StepOf<K extends StepKind> = ScenarioStep & { readonly do: K };

/** Where a step runs: its index, JSON path, actor and thread. @internal */
export interface StepContext {
  /** Index of the step (0-based). */
  readonly index: number;
  /** JSON path of the step (`$.steps[3]`). */
  readonly at: string;
  /** Name of the acting process. */
  readonly by: string;
  /** The acting thread. */
  readonly task: Task;
}

/** A step run directly against the model: returns the step's result. @internal */
export interface ControlHandler<K extends StepKind> {
  readonly kind: 'control';
  run(s: RunnerState, step: StepOf<K>, c: StepContext): number;
}

/** A filesystem operation: the model's {@link Operation} for the step, and its effects on named files. @internal */
export interface OperationHandler<K extends StepKind> {
  readonly kind: 'operation';
  build(s: RunnerState, step: StepOf<K>, c: StepContext): Operation;
  /** Name the resulting fd gets (an `open` with `as`), also when it completes after blocking. */
  bindsAs?(step: StepOf<K>): string | undefined;
  /** Effect of a completed (not blocked) operation on the runner's names. */
  done?(s: RunnerState, step: StepOf<K>, result: number): void;
}

/** The handler of a step kind. @internal */
export type StepHandler<K extends StepKind> = ControlHandler<K> | OperationHandler<K>;

const control = <K extends StepKind>(run: ControlHandler<K>['run']): ControlHandler<K> => ({ kind: 'control', run });
const operation = <K extends StepKind>(build: OperationHandler<K>['build'], extra: Omit<OperationHandler<K>, 'kind' | 'build'> = {}): OperationHandler<K> => ({ kind: 'operation', build, ...extra });

/** A scenario handle as the model's value (with the JSON path for bad hex). @internal */
export function toHandle(h: ScenarioHandle | undefined, path: string): FileHandleValue | undefined {
  if (!h) return undefined;
  const bytes = fromHex(h.hex);
  if (!bytes) throw new ScenarioError(path, 'bad hex');
  return { type: h.type, bytes };
}

/** `{ handle }` for a step that carries one, else `{}`. */
const handleOf = (step: { readonly handle?: ScenarioHandle }, c: StepContext): { handle?: FileHandleValue } => {
  const handle = toHandle(step.handle, `${c.at}.handle`);
  return handle ? { handle } : {};
};

const fdOf = (s: RunnerState, file: string): number => s.fileOf(file).fd;

/** fanotify_read: appends the bytes to the stream, remembers permission-event fds and installed fds. */
function readGroup(s: RunnerState, step: StepOf<'fanotify_read'>, c: StepContext): number {
  const g = s.groupOf(step.group);
  const before = new Set(c.task.process.fds.openFds());
  const r = s.k.read(c.task, g.fd, step.count ?? 65536);
  const installed = c.task.process.fds.openFds().filter((fd) => !before.has(fd));
  g.received.push(...installed);
  for (const ev of r.events) if (BigInt(ev.mask) & BigInt(FANOTIFY_PERM_EVENTS)) g.permFds.push(ev.fd);
  s.recordRead(c.index, step.group, r.result, r.bytes, r.events.length, installed);
  return r.result;
}

/** fanotify_respond: the response bytes (raw hex, or encoded for an event index or fd). */
function responseBytes(s: RunnerState, step: StepOf<'fanotify_respond'>, c: StepContext): Uint8Array {
  if (step.hex !== undefined) return fromHex(step.hex)!;
  const g = s.groupOf(step.group);
  let fd: number;
  if (step.event !== undefined) {
    const f = g.permFds[step.event];
    if (f === undefined) throw new ScenarioError(`${c.at}.event`, `only ${g.permFds.length} permission event(s) were read from group '${step.group}'`, 'STEP_FAILED');
    fd = f;
  } else {
    fd = step.fd!;
  }
  let response = Number(parseFlags(step.response ?? [], 'response', `${c.at}.response`));
  if (step.errno !== undefined) response = (response | FAN_DENY_ERRNO(parseErrno(step.errno, `${c.at}.errno`))) >>> 0;
  return encodeResponse({ fd, response, ...(step.auditRule ? { audit_rule: step.auditRule } : {}) }, { byteOrder: s.byteOrder });
}

/**
 * Every step kind's handler. The mapped type makes a missing kind a compile error.
 *
 * @internal
 */
export const STEP_HANDLERS: { readonly [K in StepKind]: StepHandler<K> } = {
  fanotify_init: control((s, step, c) => {
    const fd = s.k.fanotifyInit(c.task, Number(parseFlags(step.flags, 'init', `${c.at}.flags`)), Number(parseFlags(step.eventFlags ?? [], 'open', `${c.at}.eventFlags`)));
    // A failed init leaves the program with fd -1, as C code that goes on would: later calls on
    // the group get EBADF, so one scenario runs on releases that lack one of its flags.
    s.groups.set(step.group, { fd: fd >= 0 ? fd : -1, task: c.task, permFds: [], received: [] });
    return fd;
  }),
  fanotify_mark: control((s, step, c) => {
    const g = s.groupOf(step.group);
    const target = step.mntns !== undefined ? { mntns: step.mntns } : step.file !== undefined ? { fd: fdOf(s, step.file) } : step.path !== undefined ? { path: step.path } : null;
    return s.k.fanotifyMark(c.task, g.fd, Number(parseFlags(step.flags, 'mark', `${c.at}.flags`)), parseFlags(step.mask, 'event', `${c.at}.mask`), target);
  }),
  fanotify_read: control(readGroup),
  fanotify_respond: control((s, step, c) => s.k.write(c.task, s.groupOf(step.group).fd, responseBytes(s, step, c))),
  fionread: control((s, step, c) => s.k.fionread(c.task, s.groupOf(step.group).fd)),
  close_group: control((s, step, c) => {
    const g = s.groupOf(step.group);
    s.groups.delete(step.group);
    return s.k.close(c.task, g.fd);
  }),
  open_queue: control((s, step, c) => {
    const g = s.groupOf(step.group);
    const qfd = s.k.openQueueFd(c.task, g.fd);
    if (qfd >= 0) s.groups.set(step.group, { ...g, fd: qfd, control: g.fd });
    return qfd;
  }),
  close_queue: control((s, step, c) => {
    const g = s.groupOf(step.group);
    if (g.control === undefined) throw new ScenarioError(c.at, `group '${step.group}' has no open queue fd`, 'STEP_FAILED');
    s.groups.set(step.group, { fd: g.control, task: g.task, permFds: g.permFds, received: g.received });
    return s.k.close(c.task, g.fd);
  }),
  close_event_fds: control((s, step) => {
    const g = s.groupOf(step.group);
    for (const fd of g.received.splice(0)) s.k.close(g.task, fd);
    return 0;
  }),
  set_fds: control((s, step, c) => {
    s.k.setOpenFds(c.task.process, step.fds);
    return 0;
  }),
  drop_caches: control((s) => {
    s.k.dropCaches();
    return 0;
  }),
  setrlimit: control((s, step, c) => {
    s.k.setFdLimit(c.task.process, step.nofile);
    return 0;
  }),
  setns: control((s, step, c) => {
    s.k.setNamespace(c.task.process, step.ns);
    return 0;
  }),
  open: operation((_s, step, c) => ({ op: 'open', path: step.path, flags: Number(parseFlags(step.flags ?? [], 'open', `${c.at}.flags`)), ...handleOf(step, c) }), {
    bindsAs: (step) => step.as,
  }),
  close: operation((s, step) => ({ op: 'close', fd: fdOf(s, step.file) }), { done: (s, step) => s.files.delete(step.file) }),
  read: operation((s, step) => ({ op: 'read', fd: fdOf(s, step.file), count: step.count, ...(step.offset !== undefined ? { offset: step.offset } : {}) })),
  write: operation((s, step) => ({ op: 'write', fd: fdOf(s, step.file), count: step.count, ...(step.offset !== undefined ? { offset: step.offset } : {}) })),
  mmap: operation((s, step) => ('path' in step ? { op: 'mmap', path: step.path, offset: step.offset, length: step.length } : { op: 'mmap', fd: fdOf(s, step.file), offset: step.offset, length: step.length })),
  truncate: operation((_s, step) => ({ op: 'truncate', path: step.path, length: step.length })),
  ftruncate: operation((s, step) => ({ op: 'ftruncate', fd: fdOf(s, step.file), length: step.length })),
  mkdir: operation((_s, step, c) => ({ op: 'mkdir', path: step.path, ...handleOf(step, c) })),
  mknod: operation((_s, step, c) => ({ op: 'mknod', path: step.path, ...(step.type !== undefined ? { kind: step.type } : {}), ...handleOf(step, c) })),
  touch: operation((_s, step, c) => ({ op: 'touch', path: step.path, ...handleOf(step, c) })),
  write_file: operation((_s, step, c) => ({ op: 'write_file', path: step.path, count: step.count, ...handleOf(step, c) })),
  symlink: operation((_s, step, c) => ({ op: 'symlink', path: step.path, target: step.target, ...handleOf(step, c) })),
  link: operation((_s, step) => ({ op: 'link', path: step.path, target: step.target })),
  unlink: operation((_s, step) => ({ op: 'unlink', path: step.path })),
  rmdir: operation((_s, step) => ({ op: 'rmdir', path: step.path })),
  chmod: operation((_s, step) => ({ op: 'chmod', path: step.path, ...(step.mode !== undefined ? { mode: step.mode } : {}) })),
  chown: operation((_s, step) => ({ op: 'chown', path: step.path, uid: step.uid ?? -1, gid: step.gid ?? -1, nofollow: step.nofollow ?? false })),
  utimes: operation((_s, step) => ({ op: 'utimes', path: step.path, atime: step.atime ?? true, mtime: step.mtime ?? true })),
  setxattr: operation((_s, step) => ({ op: 'setxattr', path: step.path, name: step.name, size: step.size ?? 4, ...(step.flags !== undefined ? { flags: step.flags } : {}) })),
  removexattr: operation((_s, step) => ({ op: 'removexattr', path: step.path, name: step.name })),
  chattr: operation((_s, step) => ({ op: 'chattr', path: step.path })),
  rename: operation((_s, step, c) => ({ op: 'rename', from: step.from, to: step.to, flags: step.flags === undefined ? 0 : Number(parseFlags(step.flags, 'rename', `${c.at}.flags`)) })),
  tmpfile: operation((_s, step, c) => ({
    op: 'tmpfile',
    path: step.path,
    ...(step.link !== undefined ? { link: step.link } : {}),
    count: step.count ?? 0,
    excl: step.excl ?? false,
    ...handleOf(step, c),
  })),
  readdir: operation((_s, step) => ({ op: 'readdir', path: step.path })),
  exec: operation((_s, step) => ({ op: 'exec', path: step.path, runs: step.runs ?? false })),
  fs_error: operation((_s, step, c) => ({ op: 'fs_error', fs: step.fs, errno: parseErrno(step.errno, `${c.at}.errno`), ...(step.path !== undefined ? { path: step.path } : {}) })),
  mount: operation((_s, step) => ({
    op: 'mount',
    target: step.target,
    ...(step.fs !== undefined ? { fs: step.fs } : {}),
    ...(step.bind !== undefined ? { bind: step.bind } : {}),
    readOnly: step.readOnly ?? false,
    ...(step.mountId !== undefined ? { mountId: BigInt(step.mountId) } : {}),
  })),
  umount: operation((_s, step) => ({ op: 'umount', target: step.target })),
  move_mount: operation((_s, step) => ({ op: 'move_mount', from: step.from, to: step.to })),
  exit: operation(() => ({ op: 'exit' })),
};

function doneRecord(step: ScenarioStep, c: StepContext, result: number): StepRecord {
  return { step: c.index, do: step.do, by: c.by, result, errno: result < 0 ? errnoName(result) : null, status: 'done' };
}

/** Runs an operation step: done at once, or blocked with its accessor recorded for later. */
function runOperation<K extends StepKind>(s: RunnerState, h: OperationHandler<K>, step: StepOf<K>, c: StepContext): StepRecord {
  const outcome: OperationOutcome = s.k.run(c.task, h.build(s, step, c));
  const as = h.bindsAs?.(step);
  if (outcome.status === 'done') {
    h.done?.(s, step, outcome.result);
    if (as !== undefined && outcome.result >= 0) s.files.set(as, { task: c.task, fd: outcome.result });
    return doneRecord(step, c, outcome.result);
  }
  s.accessors.set(outcome.id, {
    ...(as !== undefined ? { bindAs: { name: as, task: c.task } } : {}),
    step: c.index,
    do: step.do,
    by: c.by,
    tid: c.task.tid,
    result: null,
    errno: null,
    completedAt: null,
    ...(step.expectFinal !== undefined ? { expectFinal: step.expectFinal } : {}),
  });
  return { step: c.index, do: step.do, by: c.by, result: null, errno: null, status: 'blocked' };
}

/**
 * Runs one step with its kind's handler.
 *
 * @internal
 */
export function runStep<K extends StepKind>(s: RunnerState, step: StepOf<K>, c: StepContext): StepRecord {
  const h = STEP_HANDLERS[step.do as K] as StepHandler<K> | undefined;
  if (!h) throw new ScenarioError(c.at, `unhandled step '${step.do}'`);
  if (h.kind === 'control') return doneRecord(step, c, h.run(s, step, c));
  return runOperation(s, h, step, c);
}
