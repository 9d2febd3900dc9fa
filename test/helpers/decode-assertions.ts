/**
 * Assertions about decode errors that hold for every entry point: `validateEvents`, strict
 * `decodeEvents` iteration and `decodeEventObjects` must all report the same typed error.
 */
import { expect } from 'vitest';
import { decodeEventObjects, decodeEvents, FanotifyDecodeError, validateEvents, type DecodeErrorCode } from '../../src/index.js';

/** The code, offset and path an error must have. */
export interface ExpectedDecodeError {
  readonly code: DecodeErrorCode;
  readonly offset: number;
  readonly path: string;
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Asserts that every strict entry point rejects `bytes` with exactly `expected`. */
export function expectDecodeError(bytes: Uint8Array, expected: ExpectedDecodeError): void {
  const runs = {
    validateEvents: () => validateEvents(bytes, { byteOrder: 'little' }),
    decodeEvents: () => {
      for (const ev of decodeEvents(bytes, { byteOrder: 'little' })) for (const r of ev.records()) r.toJSON();
    },
    decodeEventObjects: () => decodeEventObjects(bytes, { byteOrder: 'little' }),
  };
  for (const [entry, run] of Object.entries(runs)) {
    const error = caught(run);
    expect(error, `${entry} must throw`).toBeInstanceOf(FanotifyDecodeError);
    const e = error as FanotifyDecodeError;
    expect({ entry, code: e.code, offset: e.offset, path: e.path }).toEqual({ entry, ...expected });
    expect(e.message).toContain(expected.code);
    expect(e.message).toContain(expected.path);
  }
}

/** A copy of `bytes` changed by `edit` (a little-endian DataView and the bytes). */
export function patched(bytes: Uint8Array, edit: (dv: DataView, u8: Uint8Array) => void): Uint8Array {
  const copy = bytes.slice();
  edit(new DataView(copy.buffer), copy);
  return copy;
}
