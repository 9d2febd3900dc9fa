/**
 * The mutable state of one scenario run — the model, the named groups and files, the stream
 * read so far and the records — with the few operations every step handler needs.
 *
 * @packageDocumentation
 */
import type { ByteOrder } from '../../codec/byte-order.js';
import { errnoName } from '../../kernel/errno.js';
import { FanotifyModelError } from '../errors.js';
import type { KernelModel } from '../kernel.js';
import type { Task } from '../process.js';
import type { AccessorRecord, ExpectationFailure, ReadRecord, StepRecord } from './records.js';
import type { Expectation } from './types.js';
import { parseErrno } from './words.js';

/** A group created by a `fanotify_init` step. @internal */
export interface GroupState {
  /** The fd reads and responses use (the queue fd while one is open). */
  readonly fd: number;
  /** The control fd while a queue fd is open (restartable groups). */
  readonly control?: number;
  /** The task that created the group. */
  readonly task: Task;
  /** fds of permission events read, in read order. */
  readonly permFds: number[];
  /** fds the reads installed (event fds, pidfds) and not closed yet. */
  readonly received: number[];
}

/** A file opened by an `open` step with `as`. @internal */
export interface FileState {
  /** The task whose fd it is. */
  readonly task: Task;
  /** The fd. */
  readonly fd: number;
}

/** An accessor blocked on a permission event, with what the scenario expects of it. @internal */
export type PendingAccessor = AccessorRecord & { readonly expectFinal?: Expectation; readonly bindAs?: { readonly name: string; readonly task: Task } };

/** `result` as an expectation would name it: a number, an errno name or `blocked`. @internal */
export function describeResult(result: number | null, status: 'done' | 'blocked'): string {
  if (status === 'blocked' || result === null) return 'blocked';
  return result < 0 ? errnoName(result) : String(result);
}

/** Whether `expect` holds for a step's outcome. @internal */
export function expectationHolds(expect: Expectation, result: number | null, status: 'done' | 'blocked'): boolean {
  if (expect === 'blocked') return status === 'blocked';
  if (status === 'blocked' || result === null) return false;
  if (expect === 'ok') return result >= 0;
  if (typeof expect === 'number') return result === expect;
  return result === -parseErrno(expect, '');
}

/**
 * Everything a scenario run accumulates. Step handlers read and change it; `runScenario` owns
 * the loop and turns it into a {@link ScenarioResult}.
 *
 * @internal
 */
export class RunnerState {
  /** Groups by scenario name. */
  readonly groups = new Map<string, GroupState>();
  /** Open files by scenario name (`as`). */
  readonly files = new Map<string, FileState>();
  /** Every `fanotify_read` step. */
  readonly reads: ReadRecord[] = [];
  /** Every step's record. */
  readonly steps: StepRecord[] = [];
  /** Operations that blocked, by operation id. */
  readonly accessors = new Map<number, PendingAccessor>();
  /** Expectations that did not hold. */
  readonly failures: ExpectationFailure[] = [];
  private readonly chunks: Uint8Array[] = [];
  private streamLength = 0;

  constructor(
    /** The model the steps run on. */
    readonly k: KernelModel,
    /** Byte order of the produced stream. */
    readonly byteOrder: ByteOrder,
    /** The process that performs steps without `by`. */
    readonly defaultActor: string,
  ) {}

  /** The group `name`, which an earlier `fanotify_init` created. */
  groupOf(name: string): GroupState {
    const g = this.groups.get(name);
    if (!g) throw new FanotifyModelError('NO_SUCH_OBJECT', `group '${name}' has no fanotify_init step before this one`);
    return g;
  }

  /** The open file `name`. */
  fileOf(name: string): FileState {
    const f = this.files.get(name);
    if (!f) throw new FanotifyModelError('NO_SUCH_OBJECT', `file '${name}' is not open`);
    return f;
  }

  /** Appends a read's outcome (its bytes when it succeeded) to the stream and the read records. */
  recordRead(step: number, group: string, result: number, bytes: Uint8Array, events: number, fds: readonly number[]): void {
    if (result > 0) {
      this.chunks.push(bytes);
      this.reads.push({ step, group, result, errno: null, offset: this.streamLength, length: bytes.length, events, fds });
      this.streamLength += bytes.length;
    } else {
      this.reads.push({ step, group, result, errno: errnoName(result), offset: this.streamLength, length: 0, events: 0, fds: [] });
    }
  }

  /** Records an expectation that did not hold. */
  fail(step: number, path: string, expected: Expectation, result: number | null, status: 'done' | 'blocked'): void {
    this.failures.push({ step, path, expected: String(expected), actual: describeResult(result, status) });
  }

  /** Takes the operations the model finished during step `index`, checking their `expectFinal`. */
  collectCompleted(index: number): void {
    for (const done of this.k.completed.splice(0)) {
      const acc = this.accessors.get(done.id);
      if (!acc) continue;
      acc.result = done.result;
      acc.errno = done.result < 0 ? errnoName(done.result) : null;
      acc.completedAt = index;
      // A blocked open that names its fd gets the name once it completes.
      if (acc.bindAs && done.result >= 0) this.files.set(acc.bindAs.name, { task: acc.bindAs.task, fd: done.result });
      if (acc.expectFinal !== undefined && !expectationHolds(acc.expectFinal, done.result, 'done')) this.fail(acc.step, `$.steps[${acc.step}].expectFinal`, acc.expectFinal, done.result, 'done');
    }
  }

  /** After the last step: accessors still blocked whose `expectFinal` wanted a result. */
  checkUnfinished(): void {
    for (const acc of this.accessors.values()) {
      if (acc.completedAt === null && acc.expectFinal !== undefined && acc.expectFinal !== 'blocked') this.fail(acc.step, `$.steps[${acc.step}].expectFinal`, acc.expectFinal, null, 'blocked');
    }
  }

  /** The bytes of every successful read, concatenated in step order. */
  stream(): Uint8Array {
    const stream = new Uint8Array(this.streamLength);
    let off = 0;
    for (const c of this.chunks) {
      stream.set(c, off);
      off += c.length;
    }
    return stream;
  }
}
