/**
 * What a scenario run records: reads, step results, blocked accessors and failed expectations.
 *
 * @packageDocumentation
 */
import type { ByteOrder } from '../../codec/byte-order.js';
import type { KernelModel } from '../kernel.js';

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
