/**
 * Colour for people: on a terminal, unless `NO_COLOR` is set (https://no-color.org);
 * `FORCE_COLOR` forces it on (or off with `0`/`false`) whatever the output is, as in Node itself.
 *
 * @packageDocumentation
 */
import type { Writable } from 'node:stream';

/** Whether output written to `stream` should be coloured. @internal */
export function colourEnabled(stream: Writable, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return (stream as { isTTY?: boolean }).isTTY === true && env['TERM'] !== 'dumb';
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;

/** A style name. @internal */
export type Style = keyof typeof CODES;

/** Applies styles, or nothing when colour is off. @internal */
export class Palette {
  constructor(readonly enabled: boolean) {}

  /** The palette for `stream` (see {@link colourEnabled}). */
  static for(stream: Writable): Palette {
    return new Palette(colourEnabled(stream));
  }

  /** `text` in `style`. */
  paint(style: Style, text: string): string {
    if (!this.enabled || text === '') return text;
    const [on, off] = CODES[style];
    return `\x1b[${on}m${text}\x1b[${off}m`;
  }
}
