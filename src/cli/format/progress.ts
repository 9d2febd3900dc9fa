/**
 * Progress of a long run on a terminal: one stderr line, rewritten in place at most a few times
 * a second, with bytes, events, rate and (for files, whose size is known) percentage and ETA.
 * Only when stderr is a TTY, so pipes, files and tests never see it.
 *
 * @packageDocumentation
 */
import { statSync } from 'node:fs';
import type { Writable } from 'node:stream';

/** Runs shorter than this never show progress. */
const FIRST_AFTER_MS = 1000;
/** Time between two updates of the line. */
const EVERY_MS = 250;

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function count(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : String(n);
}

/** A progress line on stderr. @internal */
export class Progress {
  private readonly started = performance.now();
  private next: number;
  private shown = false;

  /** A progress line for `label` (`total` bytes when known), first shown after `firstAfterMs`. */
  constructor(
    private readonly stderr: Writable,
    private readonly label: string,
    private readonly total: number | undefined,
    firstAfterMs = FIRST_AFTER_MS,
  ) {
    this.next = this.started + firstAfterMs;
  }

  /**
   * A progress line for reading `path` (its size gives the ETA; `-` and followed files have
   * none), or `undefined` when stderr is not a terminal.
   */
  static forInput(stderr: Writable, label: string, path: string, follow = false): Progress | undefined {
    if ((stderr as { isTTY?: boolean }).isTTY !== true) return undefined;
    let total: number | undefined;
    try {
      total = path === '-' || follow ? undefined : statSync(path).size;
    } catch {
      total = undefined;
    }
    return new Progress(stderr, label, total);
  }

  /** Reports `bytes` read and `events` done; cheap enough to call per chunk. */
  update(bytes: number, events: number): void {
    const now = performance.now();
    if (now < this.next) return;
    this.next = now + EVERY_MS;
    this.shown = true;
    const seconds = (now - this.started) / 1000;
    let line = `${this.label}: ${mib(bytes)}`;
    if (this.total !== undefined && this.total > 0) line += ` of ${mib(this.total)} (${Math.floor((100 * bytes) / this.total)}%)`;
    line += `, ${count(events)} events, ${count(events / seconds)} events/s, ${(bytes / 2 ** 20 / seconds).toFixed(1)} MiB/s`;
    if (this.total !== undefined && bytes > 0 && bytes < this.total) line += `, ETA ${Math.ceil(((this.total - bytes) * seconds) / bytes)} s`;
    this.stderr.write(`\r${line}\x1b[K`);
  }

  /** Clears the line (before the command's own messages). */
  done(): void {
    if (this.shown) this.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
