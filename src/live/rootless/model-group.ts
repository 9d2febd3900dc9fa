/**
 * `modelGroup()`: a {@link FanotifyGroup} whose kernel is the kernel model. The group is opened
 * in the model by a listener process with the same flags `openGroup` would use, its reads are
 * the model's `read()`, its responses the model's `write()` (so a blocked operation resumes as
 * on a real kernel), and its event fds are fds of the listener process, closed in the model
 * when a step ends. Nothing needs root or Linux.
 *
 * @packageDocumentation
 */
import { hostByteOrder } from '../../codec/byte-order.js';
import { Errno } from '../../kernel/errno.js';
import { FanotifyModelError, KernelModel, runScenario, type Operation, type Scenario, type Task } from '../../model/index.js';
import { FanotifyOptionError, FanotifySyscallError } from '../errors.js';
import { FanotifyGroupImpl, type FanotifyGroup } from '../group.js';
import { eventFFlagNames, initFlagNames, openFlagValuesFrom } from '../flag-words.js';
import { initHint } from '../hints.js';
import { bufferSizeOf, GROUP_OPTION_KEYS, initArguments, permissionTimeoutOf, refuseUnknownKeys, type GroupOptions } from '../options.js';
import type { RecordSchemaFor } from '../record-types.js';
import { ResponseLog, type RecordedResponse } from './responses.js';
import { simulatedBinding, type SimulatedCalls } from './simulated-binding.js';
import type { AnyRecordSchema } from '../../codec/types.js';

/**
 * Options of {@link modelGroup}: those of `openGroup` except the ones about real fds and paths
 * (`fd`, `mountFds`, `pathCache`), plus the listener process.
 *
 * @public
 */
export interface ModelGroupOptions extends Omit<GroupOptions, 'fd' | 'mountFds' | 'pathCache'> {
  /**
   * Name of the model process that opens and reads the group (default `'fanotify-listener'`):
   * an existing process of the model, or a new privileged one with a free pid.
   */
  readonly listener?: string;
}

const MODEL_OPTION_KEYS = [...GROUP_OPTION_KEYS.filter((k) => k !== 'fd' && k !== 'mountFds' && k !== 'pathCache'), 'listener'];

/** Operations waiting for a permission response, by the model's operation id. */
type Waiters = Map<number, (result: number) => void>;

/** The model side of the group: the binding calls, answered by the model as the listener. @internal */
export class ModelSource implements SimulatedCalls {
  /** Permission events pending and the responses written. */
  readonly log = new ResponseLog();
  /** Operations run through the group that wait on a permission event. */
  readonly waiters: Waiters = new Map();
  /** Operations run through the group, by the model's id (what a permission event's path is). */
  readonly operations = new Map<number, Operation>();
  /** Paths of permission events' fds, from the operation each one blocked. */
  readonly paths = new Map<number, string>();
  /** The group's fd in the listener (-1 until `fanotify_init` returned). */
  groupFd = -1;

  /**
   * @param model - The model the group lives in.
   * @param listener - The thread that opens and reads the group.
   */
  constructor(
    readonly model: KernelModel,
    readonly listener: Task,
  ) {}

  /** `fanotify_mark` as the listener (a path, or the listener's fd with a NULL path). */
  mark(fd: number, flags: number, mask: bigint, dirfd: number, path: string | Uint8Array | null): number {
    const target = path !== null ? { path: typeof path === 'string' ? path : Buffer.from(path).toString('utf8') } : dirfd >= 0 ? { fd: dirfd } : null;
    return this.model.fanotifyMark(this.listener, fd, flags, mask, target);
  }

  /** The model's `read()`; permission events' paths are noted from their blocked operations. */
  read(fd: number, buf: Uint8Array, offset: number, length: number): number {
    const outcome = this.model.read(this.listener, fd, length);
    if (outcome.result <= 0) return outcome.result;
    buf.set(outcome.bytes, offset);
    for (const { fd: eventFd, pid } of this.log.observeRead(outcome.bytes)) {
      const path = this.blockedPath(pid);
      if (path !== undefined) this.paths.set(eventFd, path);
    }
    return outcome.result;
  }

  /** The path of the operation run through the group in which process (or thread) `pid` waits. */
  private blockedPath(pid: number): string | undefined {
    for (const { id, task } of this.model.blocked()) {
      if (task.process.pid !== pid && task.tid !== pid) continue;
      const op = this.operations.get(id);
      if (op !== undefined && 'path' in op && typeof op.path === 'string') return op.path;
    }
    return undefined;
  }

  /** The model's `write()` of a response, recorded; operations it let finish are settled. */
  write(fd: number, buf: Uint8Array, offset: number, length: number): number {
    const bytes = buf.slice(offset, offset + length);
    const result = this.log.record(bytes, () => this.model.write(this.listener, fd, bytes));
    this.settle();
    return result;
  }

  /** The model's `close()` of an event fd or the group. */
  close(fd: number): number {
    const result = this.model.close(this.listener, fd);
    this.paths.delete(fd);
    // Releasing the group allows its pending permission events: their operations resume.
    if (fd === this.groupFd) this.log.clear();
    this.settle();
    return result;
  }

  /** The model's FIONREAD. */
  fionread(fd: number): number {
    return this.model.fionread(this.listener, fd);
  }

  /** Whether the model's queue holds events. */
  readable(): boolean {
    return this.groupFd >= 0 && this.model.fionread(this.listener, this.groupFd) > 0;
  }

  /** Resolves the waiters of operations the model finished. */
  settle(): void {
    for (const done of this.model.completed) {
      const resolve = this.waiters.get(done.id);
      if (resolve === undefined) continue;
      this.waiters.delete(done.id);
      this.operations.delete(done.id);
      resolve(done.result);
    }
  }
}

/**
 * A fanotify group in the kernel model, with the whole live API (see {@link modelGroup}).
 *
 * @typeParam R - Record schemas its events can carry, derived from the options as for `openGroup`.
 * @public
 */
export interface ModelFanotifyGroup<R extends AnyRecordSchema> extends FanotifyGroup<R> {
  /** The model the group lives in (drive it directly, or with {@link ModelFanotifyGroup.run}). */
  readonly model: KernelModel;
  /** The model thread that opened the group and reads it. */
  readonly listener: Task;
  /** Every permission response the group wrote to the model, in order. */
  readonly responses: readonly RecordedResponse[];
  /** The listener's open fds: the group fd and the fds of events whose step has not ended (or that were taken). */
  openFds(): number[];
  /**
   * Runs a file operation in the model (as the process named `by`, default `'main'`, or a task)
   * and wakes the group's consumer.
   *
   * @returns The operation's result (fd, byte count or 0, or a negative errno) once it finished:
   *   at once, or after the consumer answered the permission event it waits on.
   */
  run(operation: Operation, by?: string | Task): Promise<number>;
}

/**
 * The one implementation of {@link ModelFanotifyGroup}.
 *
 * @internal
 */
export class ModelFanotifyGroupImpl<R extends AnyRecordSchema> extends FanotifyGroupImpl<R> implements ModelFanotifyGroup<R> {
  readonly model: KernelModel;
  readonly listener: Task;
  private readonly source: ModelSource;
  private readonly poke: () => void;

  /** Use {@link modelGroup}. */
  constructor(source: ModelSource, binding: ReturnType<typeof simulatedBinding>, fd: number, flags: { initFlags: number; eventFFlags: number }, options: GroupOptions) {
    super(binding, fd, flags.initFlags, flags.eventFFlags, options, {
      release: source.model.release,
      noPaths: "event.path(): a model group knows only the paths of permission events of operations run with group.run() (its fds and handles are the kernel model's, not this process's)",
      pathOfFd: (eventFd) => source.paths.get(eventFd),
    });
    this.model = source.model;
    this.listener = source.listener;
    this.source = source;
    this.poke = () => binding.poke();
  }

  get responses(): readonly RecordedResponse[] {
    return this.source.log.responses;
  }

  openFds(): number[] {
    return this.listener.process.fds.openFds();
  }

  run(operation: Operation, by: string | Task = 'main'): Promise<number> {
    const task = typeof by === 'string' ? this.model.task(by) : by;
    const outcome = this.model.run(task, operation);
    this.poke();
    if (outcome.status === 'done') return Promise.resolve(outcome.result);
    this.source.operations.set(outcome.id, operation);
    return new Promise((resolve) => {
      this.source.waiters.set(outcome.id, resolve);
      this.source.settle();
    });
  }
}

/** A model from a scenario's world (its filesystems, tree, processes and steps), in the host's byte order. */
function modelOf(source: KernelModel | Scenario): KernelModel {
  if (source instanceof KernelModel) {
    if (source.byteOrder !== hostByteOrder) throw new FanotifyOptionError(`modelGroup(): the model writes ${source.byteOrder}-endian events; a group decodes the host's (${hostByteOrder}-endian) byte order`);
    return source;
  }
  const result = runScenario(source, { byteOrder: hostByteOrder });
  if (result.failures.length > 0) {
    throw new FanotifyOptionError(`modelGroup(): the scenario's expectations failed: ${result.failures.map((f) => `${f.path} expected ${f.expected}, got ${f.actual}`).join('; ')}`);
  }
  return result.model;
}

/** The listener thread: the named process if the model has it, else a new one with a free pid. */
function listenerOf(model: KernelModel, name: string): Task {
  const refused = (error: unknown, code: string): boolean => error instanceof FanotifyModelError && error.reason === code;
  try {
    return model.task(model.process(name));
  } catch (error) {
    if (!refused(error, 'NO_SUCH_OBJECT')) throw error;
  }
  for (let pid = 4000; ; pid++) {
    try {
      return model.task(model.addProcess(name, pid));
    } catch (error) {
      // The name is free (looked up above), so a refusal here means the pid is used.
      if (!refused(error, 'BAD_ARGUMENT')) throw error;
    }
  }
}

/** `fanotify_init` in the model; the fd, or the same error `openGroup` would throw. */
function initInModel(model: KernelModel, listener: Task, options: GroupOptions, constants: ReturnType<typeof simulatedBinding>['constants']): { fd: number; initFlags: number; eventFFlags: number } {
  const o = openFlagValuesFrom(constants);
  const { flags, eventFFlags } = initArguments(options, o);
  const fd = model.fanotifyInit(listener, flags, eventFFlags);
  if (fd < 0) {
    throw new FanotifySyscallError(
      'fanotify_init',
      fd,
      { flags: initFlagNames(flags).join('|'), event_f_flags: eventFFlagNames(eventFFlags, o).join('|') },
      fd === -Errno.ENOSYS ? '' : initHint(-fd, flags, eventFFlags, model.release),
    );
  }
  return { fd, initFlags: flags, eventFFlags };
}

/**
 * Opens a fanotify group in the kernel model: the same object `openGroup` returns (iteration,
 * `'event'` listeners, `stream()`, `consume()`, `respond()`, `stats`, fd ownership, `close()`),
 * without root or a kernel. Give a `KernelModel` you drive, or a scenario whose world
 * (filesystems, tree, processes, steps) is built first; then add marks and run operations with
 * `group.run(op, by)` — one that hits a permission event resolves when the consumer answers.
 * `event.path()` is refused (the model's fds are not this process's).
 *
 * @example
 * ```ts
 * const group = modelGroup(new KernelModel(), { class: 'content' });
 * group.model.addProcess('main', 1000);
 * group.model.createObject('/srv/secret', 'file');
 * group.addMark({ path: '/srv/secret', events: ['FAN_OPEN_PERM'] });
 * void group.consume((event) => event.respond('deny'));
 * await group.run({ op: 'open', path: '/srv/secret' }); // -1: EPERM, as the kernel returns it
 * ```
 * @throws {@link FanotifyOptionError} for an unknown or invalid option, a model in the other
 *   byte order or a scenario whose expectations fail; {@link FanotifySyscallError}
 *   (`fanotify_init`) when the model's kernel refuses the flags, with the hint `openGroup` gives;
 *   `ScenarioError` for an invalid scenario.
 * @public
 */
export function modelGroup<const O extends ModelGroupOptions = {}>(source: KernelModel | Scenario, options?: O): ModelFanotifyGroup<RecordSchemaFor<O>> {
  const opts: ModelGroupOptions = options ?? {};
  refuseUnknownKeys(opts, MODEL_OPTION_KEYS);
  opts.signal?.throwIfAborted();
  bufferSizeOf(opts);
  permissionTimeoutOf(opts);
  const model = modelOf(source);
  const modelSource = new ModelSource(model, listenerOf(model, opts.listener ?? 'fanotify-listener'));
  const binding = simulatedBinding(modelSource, true);
  const { fd, initFlags, eventFFlags } = initInModel(model, modelSource.listener, opts, binding.constants);
  modelSource.groupFd = fd;
  const { listener: _listener, ...groupOptions } = opts;
  const group = new ModelFanotifyGroupImpl<RecordSchemaFor<O>>(modelSource, binding, fd, { initFlags, eventFFlags }, groupOptions);
  if (opts.signal) group.watchSignal(opts.signal);
  return group;
}
