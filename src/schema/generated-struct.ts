/**
 * The shape of code generated for one struct (see spec/codegen/render-structs.ts).
 *
 * @packageDocumentation
 */
import type { StructViewBase } from './view-base.js';

/** Generated fast paths for one struct layout. @internal */
export interface GeneratedStruct {
  /** View class with literal-offset getters. */
  readonly View: new () => StructViewBase;
  /** Re-points a view at validated bytes. */
  readonly point: (view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number) => void;
  /** Bounds check; -1 on any problem. */
  readonly check: (dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number) => number;
  /** Plain-object reader. */
  readonly toObject: (view: StructViewBase, copy: boolean, type?: string) => Record<string, unknown>;
  /** Writer (validating); `tails` from the runtime `encodeTails`. */
  readonly write: (
    input: Readonly<Record<string, unknown>>,
    dv: DataView,
    u8: Uint8Array,
    offset: number,
    le: boolean,
    path: string,
    preset: Readonly<Record<string, number | bigint>> | undefined,
    tails: readonly Uint8Array[],
  ) => number;
}

