/**
 * restructure 3.0.2 ships no type declarations (foliojs/restructure#55); this declares the part
 * of its API the bench uses.
 */
declare module 'restructure' {
  export interface DecodeStreamLike {
    pos: number;
    readonly length: number;
  }
  export class DecodeStream implements DecodeStreamLike {
    constructor(buffer: Uint8Array);
    pos: number;
    readonly length: number;
  }
  export class EncodeStream {
    constructor(buffer: Uint8Array);
    pos: number;
  }
  export interface Type<T = unknown> {
    decode(stream: DecodeStream, parent?: unknown): T;
    encode(stream: EncodeStream, value: T, parent?: unknown): void;
    size(value?: T, parent?: unknown): number;
    fromBuffer(buffer: Uint8Array): T;
    toBuffer(value: T): Uint8Array;
  }
  export type Length = number | string | Type<number> | ((this: never, parent: never) => number);
  export const uint8: Type<number>;
  export const uint16le: Type<number>;
  export const uint32le: Type<number>;
  export const int32le: Type<number>;
  export class Struct<T = Record<string, unknown>> implements Type<T> {
    constructor(fields: Record<string, Type<unknown>>);
    decode(stream: DecodeStream, parent?: unknown): T;
    encode(stream: EncodeStream, value: T, parent?: unknown): void;
    size(value?: T, parent?: unknown): number;
    fromBuffer(buffer: Uint8Array): T;
    toBuffer(value: T): Uint8Array;
  }
  export class VersionedStruct<T = Record<string, unknown>> extends Struct<T> {
    constructor(type: Type<number> | string, versions: Record<string | number, Record<string, Type<unknown>>>);
  }
  class ArrayT<T> implements Type<T[]> {
    constructor(type: Type<T>, length?: Length, lengthType?: 'count' | 'bytes');
    decode(stream: DecodeStream, parent?: unknown): T[];
    encode(stream: EncodeStream, value: T[], parent?: unknown): void;
    size(value?: T[], parent?: unknown): number;
    fromBuffer(buffer: Uint8Array): T[];
    toBuffer(value: T[]): Uint8Array;
  }
  export { ArrayT as Array };
  class BufferT implements Type<Uint8Array> {
    constructor(length: Length);
    decode(stream: DecodeStream, parent?: unknown): Uint8Array;
    encode(stream: EncodeStream, value: Uint8Array, parent?: unknown): void;
    size(value?: Uint8Array, parent?: unknown): number;
    fromBuffer(buffer: Uint8Array): Uint8Array;
    toBuffer(value: Uint8Array): Uint8Array;
  }
  export { BufferT as Buffer };
  class StringT implements Type<string> {
    constructor(length: Length | null, encoding?: string);
    decode(stream: DecodeStream, parent?: unknown): string;
    encode(stream: EncodeStream, value: string, parent?: unknown): void;
    size(value?: string, parent?: unknown): number;
    fromBuffer(buffer: Uint8Array): string;
    toBuffer(value: string): Uint8Array;
  }
  export { StringT as String };
  export class Reserved implements Type<undefined> {
    constructor(type: Type<number>, count?: Length);
    decode(stream: DecodeStream, parent?: unknown): undefined;
    encode(stream: EncodeStream, value: undefined, parent?: unknown): void;
    size(value?: undefined, parent?: unknown): number;
    fromBuffer(buffer: Uint8Array): undefined;
    toBuffer(value: undefined): Uint8Array;
  }
}
