/**
 * The errors struct writers raise, shared by the generated, compiled and interpreted code so all
 * report bad input identically.
 *
 * @packageDocumentation
 */
import { FanotifyEncodeError } from '../errors.js';

/** A short rendering of a bad value for error messages. @internal */
export function describeValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  return String(value);
}

/** `BAD_VALUE`: `value` is not what `path` needs. @internal */
export function badValue(path: string, expected: string, value: unknown): FanotifyEncodeError {
  return new FanotifyEncodeError('BAD_VALUE', path, `expected ${expected}, got ${describeValue(value)}`);
}

/** `BAD_VALUE` for an integer field (paths are joined only here, on failure). @internal */
export function badScalar(path: string, name: string, kind: string, value: unknown): FanotifyEncodeError {
  return badValue(`${path}.${name}`, `an integer that fits ${kind}`, value);
}

/** `LENGTH_MISMATCH`: a given length field disagrees with the bytes it counts. @internal */
export function lengthMismatch(path: string, name: string, given: unknown, counted: string, actual: number): FanotifyEncodeError {
  return new FanotifyEncodeError('LENGTH_MISMATCH', `${path}.${name}`, `${name} is ${describeValue(given)} but ${counted} has ${actual} bytes`);
}
