/**
 * Streaming JSON Lines input: splits chunks into lines without holding more than one line and
 * one chunk, and parses each line into an object (errors carry the line number and offset).
 *
 * @packageDocumentation
 */
import type { JsonObject } from '../../schema/compile.js';
import { parseJsonLine } from '../../golden/json-lines.js';

/** One parsed line. @internal */
export interface JsonLine {
  readonly json: JsonObject;
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset of the line in the input. */
  readonly offset: number;
}

const NEWLINE = 0x0a;

/** The JSON objects of a chunked JSON Lines input (blank lines skipped). @internal */
export async function* readJsonLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<JsonLine> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let line = 1;
  let offset = 0;
  const take = (last: Uint8Array): string => {
    const parts = pending.length === 0 ? last : Buffer.concat([...pending, last]);
    pending = [];
    pendingLength = 0;
    return decoder.decode(parts);
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, nl);
      const length = pendingLength + piece.length;
      const json = parseJsonLine(take(piece), line, offset);
      if (json) yield { json, line, offset };
      offset += length + 1;
      line++;
      start = nl + 1;
    }
    if (start < chunk.length) {
      // Chunks may be reused by the reader: keep a copy of the unfinished line.
      pending.push(chunk.slice(start));
      pendingLength += chunk.length - start;
    }
  }
  if (pendingLength > 0) {
    const json = parseJsonLine(take(new Uint8Array(0)), line, offset);
    if (json) yield { json, line, offset };
  }
}
