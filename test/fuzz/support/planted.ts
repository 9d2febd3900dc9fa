/**
 * A planted bug for the engine's self-test: it throws only for inputs that start with "FANO",
 * compared one byte at a time, so each matching byte is a new block for coverage to reward and
 * blind mutation would need about 2^32 tries.
 */
export function planted(data: Uint8Array): void {
  if (data[0] !== 0x46) return;
  if (data[1] !== 0x41) return;
  if (data[2] !== 0x4e) return;
  if (data[3] !== 0x4f) return;
  throw new TypeError('planted bug reached');
}
