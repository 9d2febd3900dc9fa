/**
 * Parsing JSON Lines (one event object per line, blank lines ignored) with errors that say
 * which line and byte went wrong.
 *
 * @packageDocumentation
 */
import { FanotifyCodecError, type ReasonOf } from '../fanotify-codec-error.js';
import type { JsonObject } from '../schema/compile.js';

/**
 * A JSON Lines input that is not one JSON object per line.
 *
 * @public
 */
export class JsonLinesError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: `JSONL_${ReasonOf<'JSONL'>}`;
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset of the line's first byte in the input. */
  readonly offset: number;

  /**
   * @param reason - Why (the code without `JSONL_`).
   * @param line - 1-based line number.
   * @param offset - Byte offset of the line's first byte.
   * @param detail - What is wrong, in words.
   */
  constructor(reason: ReasonOf<'JSONL'>, line: number, offset: number, detail: string) {
    super(`JSONL_${reason}`, `line ${line} (byte ${offset}): ${detail}`);
    this.name = 'JsonLinesError';
    this.line = line;
    this.offset = offset;
  }
}

/**
 * Parses one line (`line` is 1-based, `offset` its byte offset, both for errors). Returns
 * `undefined` for a blank line.
 *
 * @public
 */
export function parseJsonLine(text: string, line: number, offset: number): JsonObject | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    throw new JsonLinesError('NOT_JSON', line, offset, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new JsonLinesError('NOT_OBJECT', line, offset, 'expected a JSON object (one event per line)');
  return value as JsonObject;
}

const utf8 = new TextEncoder();

/** The objects of a whole JSON Lines text. @public */
export function* parseJsonLines(text: string): Generator<JsonObject> {
  let offset = 0;
  let line = 1;
  for (const part of text.split('\n')) {
    const json = parseJsonLine(part, line, offset);
    if (json) yield json;
    offset += utf8.encode(part).length + 1;
    line++;
  }
}
