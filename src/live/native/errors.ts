import { FanotifyCodecError } from '../../fanotify-codec-error.js';

/**
 * Why the native addon could not be used.
 *
 * - `unsupported-platform`: not Linux (fanotify is a Linux API).
 * - `not-found`: neither a prebuild nor a local build exists, or the package
 *   root could not be located.
 * - `load-failed`: a binary exists but the dynamic loader rejected it.
 * - `version-mismatch`: a binary loaded but was built from other sources.
 *
 * @public
 */
export type NativeAddonUnavailableReason =
  | 'unsupported-platform'
  | 'not-found'
  | 'load-failed'
  | 'version-mismatch';

/**
 * Thrown by `loadNativeBinding()` when the fanotify addon is unavailable.
 * The codec, kernel model and CLI decoding do not need the addon; only live
 * fanotify groups do.
 *
 * @public
 */
export class NativeAddonUnavailableError extends FanotifyCodecError {
  /** Always `'NATIVE_UNAVAILABLE'` (`reason` says why). */
  declare readonly code: 'NATIVE_UNAVAILABLE';
  /** The category of failure. */
  readonly reason: NativeAddonUnavailableReason;
  /** Binary paths that were considered, in load order. */
  readonly candidates: readonly string[];

  /**
   * @param reason - The category of failure.
   * @param message - Human-readable explanation, including what to do.
   * @param options - Paths considered and the underlying error, if any.
   */
  constructor(
    reason: NativeAddonUnavailableReason,
    message: string,
    options: { readonly candidates?: readonly string[]; readonly cause?: unknown } = {},
  ) {
    super('NATIVE_UNAVAILABLE', message, options);
    this.name = 'NativeAddonUnavailableError';
    this.reason = reason;
    this.candidates = options.candidates ?? [];
  }
}
