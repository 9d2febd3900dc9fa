/**
 * The shape of the code the struct generator (`struct-source.ts`) writes, and what that code is
 * given: the same for the build-time module and for run-time compilations.
 *
 * @packageDocumentation
 */
import { badScalar, badValue, lengthMismatch } from './encode-errors.js';
import { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, StructViewBase } from './view-base.js';

/** Straight-line code for one struct layout (generated at build time, compiled at run time, or interpreted). @internal */
export interface GeneratedStruct {
  /** View class with literal-offset getters. */
  readonly View: new () => StructViewBase;
  /** Re-points a view at validated bytes. */
  readonly point: (view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number) => void;
  /** Bounds check; -1 on any problem. */
  readonly check: (dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number) => number;
  /** Plain-object reader: byte fields copied unless `copy` is false; `type` becomes the first key when given. */
  readonly toObject: (view: StructViewBase, copy?: boolean, type?: string) => Record<string, unknown>;
  /** Writer (validating); `tails` from `encodeTails`. */
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

/** What generated struct code reads from outside itself. @internal */
export interface StructDeps {
  readonly StructViewBase: typeof StructViewBase;
  readonly EMPTY_BYTES: Uint8Array;
  readonly EMPTY_VIEW: DataView;
  readonly NO_TAIL: Int32Array;
  readonly badScalar: typeof badScalar;
  readonly badValue: typeof badValue;
  readonly lengthMismatch: typeof lengthMismatch;
}

/** The one set of dependencies every struct factory gets. @internal */
export const structDeps: StructDeps = Object.freeze({ StructViewBase, EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch });
