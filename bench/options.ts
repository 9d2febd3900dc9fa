/** Command line and the two run sizes: full (final numbers, idle machine) and --quick (CI smoke, < 1 min). */
import type { DecodeConfig } from './decode-bench.js';
import type { EncodeConfig } from './encode-bench.js';
import type { CliConfig } from './cli-bench.js';
import type { LiveConfig } from './live/live-bench.js';
import type { ModelConfig } from './model.js';

export const SECTIONS = ['decode', 'shapes', 'alloc', 'encode', 'model', 'live', 'cli'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchConfig {
  readonly quick: boolean;
  readonly sections: ReadonlySet<Section>;
  /** Write the results as JSON here too. */
  readonly json: string | undefined;
  readonly mainBytes: number;
  readonly shapeBytes: number;
  readonly decode: DecodeConfig;
  readonly shapeDecode: DecodeConfig;
  readonly allocEvents: number;
  readonly encode: EncodeConfig;
  readonly model: ModelConfig;
  readonly live: LiveConfig;
  readonly cli: CliConfig;
}

const MiB = 1 << 20;

const FULL = {
  mainBytes: 64 * MiB,
  shapeBytes: 8 * MiB,
  decode: { warmup: 2, reps: 7, budgetNs: 1.5e9 },
  shapeDecode: { warmup: 2, reps: 5, budgetNs: 0.3e9 },
  allocEvents: 1_000_000,
  encode: { events: 4096, warmup: 3, reps: 7 },
  model: { ops: 200_000, warmup: 1, reps: 5 },
  live: { procs: 4, iterations: 50_000, reps: 3, bufSize: 64 * 1024 },
  cli: { warmup: 1, reps: 3, spanNs: 3e9, maxReps: 15 },
};

const QUICK = {
  mainBytes: 2 * MiB,
  shapeBytes: MiB / 8,
  decode: { warmup: 2, reps: 3, budgetNs: 0.1e9 },
  shapeDecode: { warmup: 1, reps: 3, budgetNs: 0.03e9 },
  allocEvents: 50_000,
  encode: { events: 256, warmup: 2, reps: 3 },
  model: { ops: 10_000, warmup: 1, reps: 3 },
  live: { procs: 2, iterations: 4000, reps: 1, bufSize: 64 * 1024 },
  cli: { warmup: 0, reps: 1, spanNs: 0, maxReps: 1 },
};

export const USAGE = `usage: node --expose-gc bench/out/run.js [--quick] [--json FILE] [--sections ${SECTIONS.join(',')}]`;

/** Value of `--name VALUE`, if present. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
  return v;
}

const FLAGS = new Set(['--quick']);
const VALUED = new Set(['--json', '--sections']);

export function parseConfig(argv: readonly string[]): BenchConfig {
  for (let i = 0; i < argv.length; i++) {
    if (VALUED.has(argv[i]!)) i++;
    else if (!FLAGS.has(argv[i]!)) throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  const quick = argv.includes('--quick');
  const requested = argValue(argv, '--sections')?.split(',') ?? [...SECTIONS];
  for (const s of requested) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`unknown section ${s}\n${USAGE}`);
  return { quick, sections: new Set(requested as Section[]), json: argValue(argv, '--json'), ...(quick ? QUICK : FULL) };
}
