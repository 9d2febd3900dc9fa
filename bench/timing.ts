/** Small timing helpers: monotonic nanoseconds, median, and a GC between runs when exposed. */

export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Collects garbage so one run's leftovers are not collected on the next run's clock. */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** `items` rotated left by `by`: each repetition starts with a different contender. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
