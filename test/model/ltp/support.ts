/**
 * Helpers for the LTP oracle tests: run a scenario on the model and decode what it produced.
 */
import { decodeEventObjects, type ByteOrder } from '../../../src/index.js';
import { runScenario, type Scenario, type ScenarioResult } from '../../../src/model/index.js';

/** A decoded event as the tests inspect it. */
export type DecodedEvent = ReturnType<typeof decodeEventObjects>[number];

/** Runs `scenario` (little-endian), asserts that its expectations held, and decodes every read. */
export function runAndDecode(scenario: Scenario, byteOrder: ByteOrder = 'little'): { result: ScenarioResult; reads: DecodedEvent[][] } {
  const result = runScenario(scenario, { byteOrder });
  if (result.failures.length > 0) throw new Error(`scenario expectations failed: ${JSON.stringify(result.failures)}`);
  const reads = result.reads.filter((r) => r.length > 0).map((r) => decodeEventObjects(result.stream.subarray(r.offset, r.offset + r.length), { byteOrder }));
  return { result, reads };
}

/** Hex of a handle's bytes. */
export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** A fixed handle for an object of the scenario (type 1, 8 bytes, like ext4). */
export function fixedHandle(n: number): { type: number; hex: string } {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(n, 0);
  b.writeUInt32LE(0x9e000000 + n, 4);
  return { type: 1, hex: b.toString('hex') };
}
