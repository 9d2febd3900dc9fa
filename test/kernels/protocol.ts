/** What the host hands the guest (job.json) and what the guest writes back (results.jsonl). */
import type { Scenario } from '../../src/model/index.js';
import type { LiveFsType } from '../model/differential/live-env.js';

export interface GuestJob {
  /** The native addon to load (a copy in the run's own temp dir). */
  readonly addon: string;
  /** Results file, one JSON line per run, then a `{ done: true }` line. */
  readonly results: string;
  readonly types: readonly LiveFsType[];
  /** Only templates whose name contains one of these (for quick runs). */
  readonly only?: readonly string[];
}

/** A step the guest's kernel answered differently from the host-kernel template. */
export interface Adaptation {
  /** Index of the step in the template. */
  readonly step: number;
  readonly do: string;
  /** What this kernel returned, and what the template expected. */
  readonly returned: string;
  readonly expected: string;
  /** The failed fanotify_init's group, whose later steps were removed. */
  dropGroup?: string;
  /** The scenario ends after this step (a later step would wait for a permission event forever). */
  truncate?: boolean;
}

export interface GuestResult {
  readonly template: string;
  readonly fs: LiveFsType;
  readonly ms: number;
  readonly adaptations: readonly Adaptation[];
  /** The instantiated scenario, the stream as hex and the reads, or the error. */
  readonly scenario?: Scenario;
  readonly stream?: string;
  readonly reads?: readonly { readonly step: number; readonly result: number; readonly length: number }[];
  readonly error?: string;
}

export interface GuestDone {
  readonly done: true;
  /** `uname -r` and `uname -v` of the guest. */
  readonly release: string;
  readonly version: string;
  readonly problems: readonly string[];
}
