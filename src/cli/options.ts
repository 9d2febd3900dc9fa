/**
 * Option parsing shared by commands (node:util `parseArgs`, strict: unknown options are usage errors).
 *
 * @packageDocumentation
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ByteOrder } from '../codec/byte-order.js';
import { hostByteOrder } from '../codec/byte-order.js';
import { UsageError } from './command.js';

/** Parses `args` strictly, turning parse failures into {@link UsageError}s. @internal */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `--endian little|big|host` to a byte order. @internal */
export function parseEndian(value: string | undefined): ByteOrder {
  if (value === undefined || value === 'host') return hostByteOrder;
  if (value === 'little' || value === 'big') return value;
  throw new UsageError(`--endian must be little, big or host, got '${value}'`);
}
