/**
 * "Did you mean …?" for every strict check: an unknown option, field or flag word is refused
 * with the valid names nearest to it, so `event_lenn` points at `event_len` and `FAN_CRATE` at
 * `FAN_CREATE`. The one home of that logic; the encoder, golden builders, scenario validator,
 * flag-word parser, live options and CLI all call it.
 *
 * @packageDocumentation
 */

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and transpositions of
 * adjacent characters each cost 1), compared case-insensitively: the typos people make.
 */
function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // Three rows suffice: the transposition step looks two rows back.
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[t.length]!;
}

/**
 * The valid names nearest to `word` (at most `limit`, nearest first): those within an edit
 * distance of a third of the word's length (at least 1), or that contain the word or are
 * contained in it. Empty when nothing is close, so callers list every valid name instead.
 *
 * @example
 * ```ts
 * nearestNames('event_lenn', ['event_len', 'vers', 'mask']) // ['event_len']
 * ```
 * @public
 */
export function nearestNames(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const budget = Math.max(1, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  const scored: { name: string; d: number }[] = [];
  for (const name of new Set(candidates)) {
    const d = editDistance(word, name);
    const contains = lower.length >= 3 && (name.toLowerCase().includes(lower) || lower.includes(name.toLowerCase()));
    if (d <= budget || contains) scored.push({ name, d });
  }
  scored.sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.name);
}

/**
 * The message of a refused name: `unknown field 'event_lenn' (did you mean event_len?)` when a
 * valid name is near, else `unknown field 'bogus' (expected one of mask, fd, pid)`.
 *
 * @param what - What kind of name it is, e.g. `field`, `option`, `event`.
 * @param word - The name that was given.
 * @param candidates - Every valid name.
 * @public
 */
export function unknownNameMessage(what: string, word: string, candidates: Iterable<string>): string {
  const all = [...candidates];
  const near = nearestNames(word, all);
  if (near.length > 0) return `unknown ${what} '${word}' (did you mean ${near.join(', ')}?)`;
  return `unknown ${what} '${word}' (expected one of ${all.join(', ')})`;
}
