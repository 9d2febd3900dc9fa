/**
 * The coverage-guided fuzz loop: mutate an input of the corpus, run the target, keep the input
 * when V8 block coverage shows something new, and report every error the target does not
 * declare as the package's own. Mutants run in batches whose coverage is read once (reading it
 * costs more than most executions); a batch that found something is re-run one input at a time
 * to keep exactly the inputs that did.
 */
import { createHash } from 'node:crypto';
import type { CoverageFeedback } from './coverage.js';
import { jsonTokens, mutateBytes, mutateJson, Random } from './mutate.js';

/** A fuzz target. */
export interface FuzzTarget {
  readonly name: string;
  /** `jsonl`: text whose lines are JSON documents, mutated structurally as well as bytewise. */
  readonly input: 'bytes' | 'jsonl';
  /** Inputs are capped at this many bytes. */
  readonly maxLength: number;
  /** The seed corpus. */
  seeds(): Uint8Array[];
  /** Runs one input; throws on failure. */
  run(data: Uint8Array): void | Promise<void>;
  /** Whether an error is one the package raises by design for bad input. */
  isExpected(error: unknown): boolean;
}

/** An input that made the target fail unexpectedly (or run too long). */
export interface Finding {
  readonly target: string;
  readonly input: Uint8Array;
  /** `Name: message` and the first stack frames. */
  readonly error: string;
  /** Deduplication key: the error's name, message shape and top frame. */
  readonly key: string;
  readonly id: string;
  /** The error's name and message, which {@link KnownOpen} entries match. */
  readonly name: string;
  readonly message: string;
}

/** What a run did. */
export interface FuzzStats {
  readonly target: string;
  readonly executions: number;
  readonly seconds: number;
  readonly features: number;
  readonly corpus: number;
  readonly findings: readonly Finding[];
}

/** Options of {@link fuzz}. */
export interface FuzzOptions {
  readonly seconds: number;
  readonly seed: number;
  readonly coverage: CoverageFeedback;
  /** An execution slower than this is a finding (default 2000 ms). */
  readonly slowMs?: number;
  /** Stop once this many distinct findings are in (default: run the whole time). */
  readonly stopAfterFindings?: number;
  /** Stop after this many executions (default: no limit). */
  readonly maxExecutions?: number;
  /** Called with each new input kept in the corpus (a local run persists them). */
  readonly onKeep?: (input: Uint8Array) => void;
}

const MAX_BATCH = 256;

function describe(error: unknown): { text: string; key: string } {
  if (!(error instanceof Error)) return { text: String(error), key: `non-error:${String(error).slice(0, 80)}` };
  const frames = (error.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at ')).slice(0, 4);
  const shape = error.message.replace(/\d+/g, 'N').slice(0, 120);
  const detail = (error as { detail?: unknown }).detail;
  const text = `${error.name}: ${error.message}${detail ? `\n  ${String(detail)}` : ''}\n${frames.join('\n')}`;
  return { text, key: `${error.name}:${shape}:${frames[0]?.trim() ?? ''}` };
}

class Loop {
  readonly corpus: Uint8Array[] = [];
  readonly findings = new Map<string, Finding>();
  readonly dictionary: string[];
  executions = 0;
  private readonly random: Random;

  constructor(
    private readonly target: FuzzTarget,
    private readonly options: FuzzOptions,
  ) {
    this.random = new Random(options.seed);
    const tokens = new Set<string>();
    if (target.input === 'jsonl') for (const seed of target.seeds()) for (const line of new TextDecoder().decode(seed).split('\n')) tryTokens(line, tokens);
    this.dictionary = [...tokens].filter((t) => t.length < 64).sort();
  }

  /** Runs one input, turning unexpected errors and slow runs into findings. */
  async execute(input: Uint8Array): Promise<void> {
    this.executions++;
    const started = performance.now();
    try {
      await this.target.run(input);
    } catch (error) {
      if (!this.target.isExpected(error)) this.report(input, error);
    }
    const ms = performance.now() - started;
    if (ms > (this.options.slowMs ?? 2000)) this.report(input, new Error(`slow input: ${Math.round(ms)} ms for ${input.length} bytes`));
  }

  private report(input: Uint8Array, error: unknown): void {
    const { text, key } = describe(error);
    if (this.findings.has(key)) return;
    const id = createHash('sha1').update(input).digest('hex').slice(0, 16);
    const { name, message } = error instanceof Error ? error : { name: 'non-error', message: String(error) };
    this.findings.set(key, { target: this.target.name, input: input.slice(), error: text, key, id, name, message });
  }

  /** Half of the time one of the newest inputs: they carry the deepest progress. */
  private parent(): Uint8Array {
    const recent = Math.min(this.corpus.length, 16);
    return this.random.below(2) ? this.corpus[this.corpus.length - 1 - this.random.below(recent)]! : this.random.pick(this.corpus);
  }

  mutant(): Uint8Array {
    const parent = this.parent();
    const other = this.random.pick(this.corpus);
    if (this.target.input === 'jsonl' && this.random.below(4) !== 0) {
      const lines = new TextDecoder().decode(parent).split('\n');
      const at = this.random.below(lines.length);
      const mutated = mutateJson(lines[at]!, this.random, this.dictionary);
      if (mutated !== undefined) {
        lines[at] = mutated;
        return new TextEncoder().encode(lines.join('\n')).slice(0, this.target.maxLength);
      }
    }
    return mutateBytes(parent, this.random, other, this.target.maxLength);
  }

  keep(input: Uint8Array, features: Iterable<string>): void {
    this.options.coverage.add(features);
    this.corpus.push(input);
    this.options.onKeep?.(input);
  }
}

function tryTokens(line: string, into: Set<string>): void {
  try {
    jsonTokens(JSON.parse(line) as never, into);
  } catch {
    // Not JSON: contributes no tokens.
  }
}

/** Re-runs a batch that found new coverage one input at a time, keeping those that add some. */
async function attribute(loop: Loop, batch: readonly Uint8Array[], coverage: CoverageFeedback): Promise<number> {
  let kept = 0;
  for (const input of batch) {
    await loop.execute(input);
    const fresh = coverage.takeNew();
    if (fresh.size === 0) continue;
    loop.keep(input, fresh);
    kept++;
  }
  return kept;
}

/** Fuzzes `target` for `options.seconds`, starting from its seeds. */
export async function fuzz(target: FuzzTarget, options: FuzzOptions): Promise<FuzzStats> {
  const { coverage } = options;
  const loop = new Loop(target, options);
  const started = performance.now();
  coverage.reset();
  for (const seed of target.seeds()) {
    const input = seed.slice(0, target.maxLength);
    await loop.execute(input);
    loop.keep(input, coverage.takeNew());
  }
  let batchSize = 1;
  const done = () =>
    performance.now() - started >= options.seconds * 1000 ||
    loop.findings.size >= (options.stopAfterFindings ?? Infinity) ||
    loop.executions >= (options.maxExecutions ?? Infinity);
  for (let round = 0; !done(); round++) {
    // Every eighth round runs one input alone, so hit-count changes (loop trips) count too.
    const size = round % 8 === 0 ? 1 : batchSize;
    const batch = Array.from({ length: size }, () => loop.mutant());
    for (const input of batch) await loop.execute(input);
    const fresh = coverage.takeNew(size > 1);
    let kept = 0;
    if (size === 1 && fresh.size > 0) loop.keep(batch[0]!, fresh), (kept = 1);
    else if (fresh.size > 0) kept = await attribute(loop, batch, coverage);
    batchSize = kept > 0 ? 2 : Math.min(MAX_BATCH, batchSize * 2);
  }
  return {
    target: target.name,
    executions: loop.executions,
    seconds: (performance.now() - started) / 1000,
    features: coverage.size,
    corpus: loop.corpus.length,
    findings: [...loop.findings.values()],
  };
}
