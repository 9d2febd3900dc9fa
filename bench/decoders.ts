/** The JavaScript decoders compared, in table order, with what each one's row means. */
import type { Checksum } from './checksum.js';
import { decodeHandWritten } from './hand-written.js';
import { decodeHandWrittenStrict } from './hand-written-strict.js';
import { decodeFloor } from './floor.js';
import { decodeCursor, decodeObjects, decodeWalker, decodeZeroCopy } from './package-decoders.js';
import { decodeBinaryParser } from './peers/binary-parser.js';
import { decodeRestructure } from './peers/restructure.js';
import { decodeTypedBinary } from './peers/typed-binary.js';
import { peerVersion } from './peers/versions.js';

export type DecoderId = 'walker' | 'cursor' | 'zero-copy' | 'objects' | 'hand-written' | 'strict' | 'floor' | 'restructure' | 'typed-binary' | 'binary-parser';

export interface Decoder {
  readonly id: DecoderId;
  readonly label: string;
  decode(u8: Uint8Array, ck: Checksum): void;
}

export const DECODERS: readonly Decoder[] = [
  { id: 'walker', label: 'fanotify-codec eventWalker (a visitor method per record type)', decode: decodeWalker },
  { id: 'cursor', label: 'fanotify-codec eventCursor (numbers and offsets)', decode: decodeCursor },
  { id: 'zero-copy', label: 'fanotify-codec decodeEvents (reuseViews)', decode: decodeZeroCopy },
  { id: 'objects', label: 'fanotify-codec decodeEventObjects', decode: decodeObjects },
  { id: 'hand-written', label: 'hand-written DataView loop', decode: decodeHandWritten },
  { id: 'strict', label: 'hand-written, no allocation, full checks', decode: decodeHandWrittenStrict },
  { id: 'floor', label: 'consumer floor: every field read, nothing checked (diagnostic)', decode: decodeFloor },
  { id: 'restructure', label: `restructure ${peerVersion('restructure')}`, decode: decodeRestructure },
  { id: 'typed-binary', label: `typed-binary ${peerVersion('typed-binary')} (+bench code)`, decode: decodeTypedBinary },
  { id: 'binary-parser', label: `binary-parser ${peerVersion('binary-parser')}`, decode: decodeBinaryParser },
];

export function decoderById(id: string): Decoder {
  const d = DECODERS.find((x) => x.id === id);
  if (!d) throw new Error(`unknown decoder ${id}`);
  return d;
}
