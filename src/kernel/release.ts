/**
 * Kernel releases: parsing what people write (`'6.1'`, `'6.12.57'`) and what `uname -r` prints
 * (`'6.1.0-50-amd64'`, `'6.12.57+deb13-amd64'`, `'7.3.0-rc1'`), and deciding whether a release
 * has a feature that arrived in a merge window (`since`) or by stable backport.
 *
 * `'6.12'` is the mainline release 6.12(.0): it has what the 6.12 merge window brought and no
 * stable backport. `'6.12.57'` is that stable point release, with the backports up to it. A
 * Debian ABI name such as `'6.1.0-50-amd64'` hides the real patch level (always `.0`): it is
 * taken as the newest stable point of its series, which is what Debian ships, and so has every
 * backport to that series.
 *
 * @packageDocumentation
 */
import { FanotifyInternalError } from '../fanotify-codec-error.js';

/**
 * A parsed kernel release.
 *
 * @public
 */
export interface KernelRelease {
  /** Major version (`6` of 6.12.57). */
  readonly major: number;
  /** Minor version (`12` of 6.12.57). */
  readonly minor: number;
  /** Stable patch level (0 for a mainline release), or `null` for "the newest stable point" (Debian ABI names). */
  readonly patch: number | null;
  /** The text it was parsed from. */
  readonly text: string;
}

/** The release the kernel model follows when none is given: the host kernel the package is verified on. @public */
export const DEFAULT_KERNEL_RELEASE = '6.18';

/** The oldest and newest series the package knows the fanotify behaviour of. @public */
export const KNOWN_KERNEL_SERIES = { oldest: '5.14', newest: '7.3' } as const;

const PATTERN = /^(\d{1,2})\.(\d{1,3})(?:\.(\d{1,4}))?(-rc\d+)?([-+~_.][0-9A-Za-z.+_~-]*)?$/;
/** Debian's and Ubuntu's ABI-style names (`6.1.0-50-amd64`, `5.15.0-126-generic`) keep `.0` whatever the real patch level is. */
const DEBIAN_ABI = /^\d+\.\d+\.0-\d+-/;

/**
 * Parses a release, or returns `undefined` for text that is not one.
 *
 * @public
 */
export function parseKernelRelease(text: string): KernelRelease | undefined {
  if (typeof text !== 'string') return undefined;
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const patch = DEBIAN_ABI.test(text) ? null : m[3] === undefined || m[4] !== undefined ? 0 : Number(m[3]);
  return Object.freeze({ major: Number(m[1]), minor: Number(m[2]), patch, text });
}

/** The series of a release, e.g. `'6.12'`. @public */
export function seriesOf(release: KernelRelease): string {
  return `${release.major}.${release.minor}`;
}

function compareSeries(a: KernelRelease, b: KernelRelease): number {
  return a.major - b.major || a.minor - b.minor;
}

/** Whether `release`'s series is `series` or newer (`'6.13'`). */
function seriesAtLeast(release: KernelRelease, series: string): boolean {
  const s = parseKernelRelease(series);
  if (!s) throw new FanotifyInternalError(`bad release '${series}' in the package's own tables`);
  return compareSeries(release, s) >= 0;
}

/**
 * Whether a release has something that mainline gained in `since` and that was backported to
 * the stable points in `backports` (e.g. `since: '6.13', backports: ['6.12.4']`: `'6.12'` and
 * 6.12.3 have not, 6.12.4 and `'6.12.0-1-amd64'` have). `since` values that are not releases (an experimental
 * API's status) are never had.
 *
 * @public
 */
export function releaseHas(release: KernelRelease, since: string, backports: readonly string[] = []): boolean {
  if (!/^\d/.test(since)) return false;
  if (seriesAtLeast(release, since)) return true;
  for (const text of backports) {
    const b = parseKernelRelease(text)!;
    if (compareSeries(release, b) !== 0) continue;
    if (release.patch === null || release.patch >= (b.patch ?? 0)) return true;
  }
  return false;
}

/**
 * Parses a release the package can model, for options and scenario files.
 *
 * @returns The release, or a message saying why the text is refused.
 * @internal
 */
export function modelledRelease(text: string): KernelRelease | string {
  const release = parseKernelRelease(text);
  if (!release) return `'${text}' is not a kernel release (expected e.g. '6.1', '6.12.57' or '6.1.0-50-amd64')`;
  const oldest = parseKernelRelease(KNOWN_KERNEL_SERIES.oldest)!;
  const newest = parseKernelRelease(KNOWN_KERNEL_SERIES.newest)!;
  if (compareSeries(release, oldest) < 0 || compareSeries(release, newest) > 0) {
    return `kernel ${text} is outside the releases the model knows (${KNOWN_KERNEL_SERIES.oldest} to ${KNOWN_KERNEL_SERIES.newest})`;
  }
  return release;
}
