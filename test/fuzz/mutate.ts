/**
 * Mutators: byte-level (bit flips, interesting integers at any offset in either byte order —
 * lengths are what a framing decoder trusts —, inserts, deletes, duplicates, crossover) and
 * JSON-aware (replace a leaf with an interesting value or a dictionary entry, drop or duplicate
 * a member) for the targets whose input is JSON.
 */
import { concatBytes } from '../helpers/bytes.js';

/** A seeded PRNG (xorshift32) so a run can be repeated with --seed. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  /** Uniform in [0, n). */
  below(n: number): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return n <= 0 ? 0 : this.state % n;
  }
  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

const INTERESTING = [0, 1, 2, 3, 4, 7, 8, 12, 16, 19, 20, 21, 23, 24, 25, 27, 28, 32, 127, 128, 255, 256, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff];

type ByteMutator = (data: Uint8Array, r: Random, other: Uint8Array) => Uint8Array;

function writeInt(data: Uint8Array, at: number, size: number, value: number, le: boolean): void {
  for (let i = 0; i < size && at + i < data.length; i++) data[at + (le ? i : size - 1 - i)] = (value / 2 ** (8 * i)) & 0xff;
}

const byteMutators: readonly ByteMutator[] = [
  (d, r) => (d.length ? ((d[r.below(d.length)]! ^= 1 << r.below(8)), d) : d),
  (d, r) => (d.length ? ((d[r.below(d.length)] = r.below(256)), d) : d),
  (d, r) => {
    // An interesting u8/u16/u32, often at an aligned offset (where fanotify's lengths live).
    const size = r.pick([1, 2, 4]);
    const at = r.below(2) ? r.below(Math.max(1, d.length)) & ~(size - 1) : r.below(Math.max(1, d.length));
    const delta = r.below(3) - 1;
    writeInt(d, at, size, r.below(4) === 0 ? d.length + delta : r.pick(INTERESTING) + delta, r.below(4) !== 0);
    return d;
  },
  (d, r) => {
    const at = r.below(d.length + 1);
    const extra = Uint8Array.from({ length: 1 + r.below(8) }, () => (r.below(2) ? 0 : r.below(256)));
    return concatBytes(d.subarray(0, at), extra, d.subarray(at));
  },
  (d, r) => {
    const at = r.below(d.length + 1);
    return concatBytes(d.subarray(0, at), d.subarray(Math.min(d.length, at + 1 + r.below(16))));
  },
  (d, r) => {
    const from = r.below(d.length + 1);
    const chunk = d.subarray(from, from + 1 + r.below(64));
    const at = r.below(d.length + 1);
    return concatBytes(d.subarray(0, at), chunk, d.subarray(at));
  },
  (d, r) => d.subarray(0, r.below(d.length + 1)),
  (d, r, o) => {
    const cut = r.below(d.length + 1);
    const from = r.below(o.length + 1);
    return concatBytes(d.subarray(0, cut), o.subarray(from));
  },
];

/** 1–4 stacked byte mutations (half of the time exactly one) of a copy of `data`, capped at `maxLength`. */
export function mutateBytes(data: Uint8Array, r: Random, other: Uint8Array, maxLength: number): Uint8Array {
  let out: Uint8Array = data.slice();
  // Mostly one mutation: stacking more mostly destroys the structure the parent's coverage needed.
  for (let n = r.below(2) ? 1 : 2 + r.below(3); n > 0; n--) out = r.pick(byteMutators)(out, r, other);
  return out.length > maxLength ? out.slice(0, maxLength) : out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every key and string value of `value`, for the dictionary. */
export function jsonTokens(value: Json, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) jsonTokens(v, into);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) into.add(k), jsonTokens(v, into);
}

const JSON_VALUES: readonly Json[] = [0, -1, 1, 24, 255, 256, 65535, 4294967295, 4294967296, -2147483649, 1.5, 9007199254740993, '0x', '0xffffffffffffffff', '18446744073709551616', '-1', '', 'zz', true, null, [], {}];

function leafPaths(value: Json, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => leafPaths(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) leafPaths(v, [...path, k], out);
  return out;
}

function replaceAt(root: Json, path: readonly (string | number)[], f: (old: Json) => Json | undefined): Json {
  if (path.length === 0) return f(root) ?? null;
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key as string]!, root) as Record<string | number, Json> | Json[];
  const key = path[path.length - 1]!;
  const next = f((parent as Record<string | number, Json>)[key]!);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string | number, Json>)[key];
  } else (parent as Record<string | number, Json>)[key] = next;
  return root;
}

/** One structural mutation of a JSON document (a copy), or undefined when it does not parse. */
export function mutateJson(text: string, r: Random, dictionary: readonly string[]): string | undefined {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  for (let n = 1 + r.below(3); n > 0; n--) {
    const path = r.pick(leafPaths(doc));
    const choice = r.below(5);
    doc = replaceAt(doc, path, (old) => {
      if (choice === 0 && path.length > 0) return undefined;
      if (choice === 1 && Array.isArray(old) && old.length) return [...old, old[r.below(old.length)]!];
      if (choice === 2 && old && typeof old === 'object' && !Array.isArray(old)) return { ...old, [r.pick(dictionary)]: r.pick(JSON_VALUES) };
      if (choice === 3 && dictionary.length) return r.pick(dictionary);
      return r.pick(JSON_VALUES);
    });
  }
  return JSON.stringify(doc);
}
