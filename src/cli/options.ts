/**
 * Option parsing shared by commands (node:util `parseArgs`, strict: unknown options are usage
 * errors, reported in the package's own words with the nearest valid option).
 *
 * @packageDocumentation
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ByteOrder } from '../codec/byte-order.js';
import { hostByteOrder } from '../codec/byte-order.js';
import { UsageError } from './command.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Edit distance of two short words (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The spellings of `options` (`--name` and `-x`), plus `--help`. */
function spellings(options: OptionsConfig): string[] {
  const out = ['--help'];
  for (const [name, o] of Object.entries(options)) {
    out.push(`--${name}`);
    if (o.short) out.push(`-${o.short}`);
  }
  return out;
}

/**
 * `unknown option '--sidcar' (did you mean --sidecar?)`, or the list of valid options when none
 * is close.
 *
 * @internal
 */
export function unknownOptionMessage(given: string, options: OptionsConfig): string {
  const valid = spellings(options);
  const name = given.split('=')[0]!;
  const ranked = valid.map((v) => ({ v, d: distance(name, v) })).sort((x, y) => x.d - y.d);
  const best = ranked[0];
  // Close: a third of the word may differ (typos, a missing dash, a wrong letter or two).
  if (best && best.d <= Math.max(1, Math.floor(best.v.length / 3))) return `unknown option '${given}' (did you mean ${best.v}?)`;
  return `unknown option '${given}' (options: ${valid.filter((v) => v.startsWith('--')).join(', ')})`;
}

/** The package's message for one of parseArgs's errors. */
function usageMessage(error: Error & { code?: unknown }, options: OptionsConfig): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  // Node's wording is parsed for the option's name; should it change, its own message stands.
  if (quoted === undefined) return error.message;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return unknownOptionMessage(quoted, options);
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = quoted.split(' ')[0]!;
    return error.message.includes('does not take an argument') ? `option ${option} takes no value` : `option ${option} needs a value`;
  }
  return error.message;
}

/** Parses `args` strictly, turning parse failures into {@link UsageError}s. @internal */
export function parseOptions<T extends OptionsConfig>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? usageMessage(error, options) : String(error));
  }
}

/** `--endian little|big|host` to a byte order. @internal */
export function parseEndian(value: string | undefined): ByteOrder {
  if (value === undefined || value === 'host') return hostByteOrder;
  if (value === 'little' || value === 'big') return value;
  throw new UsageError(`--endian must be little, big or host, got '${value}'`);
}

/** The decoder's default `maxEventLength` (1 MiB; the kernel's events are under 4 KiB). @internal */
export const DEFAULT_MAX_EVENT_LEN = 1 << 20;

/** The `--max-event-len BYTES` option, shared by every command that decodes. @internal */
export const MAX_EVENT_LEN_OPTION = { 'max-event-len': { type: 'string' } } as const;

/** Help lines of {@link MAX_EVENT_LEN_OPTION}. @internal */
export const MAX_EVENT_LEN_HELP = `  --max-event-len BYTES      largest event_len accepted before the stream is declared corrupt
                             (default 1048576 = 1 MiB; the kernel's events are under 4 KiB)`;

/** `--max-event-len BYTES`: a whole number of at least 24 (one metadata header). @internal */
export function parseMaxEventLen(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_EVENT_LEN;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 24) throw new UsageError(`--max-event-len must be a whole number of bytes, at least 24, got '${value}'`);
  return n;
}
