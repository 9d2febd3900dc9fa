import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIVE_ADDON_VERSION, type NativeBinding } from './binding.js';
import { nativeBindingCandidates } from './candidates.js';
import { NativeAddonUnavailableError, type NativeAddonUnavailableReason } from './errors.js';
import { findPackageRoot } from './package-root.js';

/**
 * Everything the loader needs from the outside world, injectable so every
 * failure path can be tested on any machine.
 *
 * @internal
 */
export interface NativeLoadEnvironment {
  /** `process.platform`. */
  readonly platform: string;
  /** `process.arch`. */
  readonly arch: string;
  /** Directory to search upwards from for the package root. */
  readonly moduleDir: string;
  /** Tells whether a candidate binary exists. */
  exists(file: string): boolean;
  /** Loads a binary (`require` of a `.node` file); throws the dlopen error. */
  load(file: string): unknown;
}

/**
 * A successfully loaded addon and the binary it came from.
 *
 * @internal
 */
export interface NativeBindingResolution {
  readonly binding: NativeBinding;
  readonly file: string;
}

/** Human names for the platforms people most often try this on. */
const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  darwin: 'macOS',
  win32: 'Windows',
  freebsd: 'FreeBSD',
  openbsd: 'OpenBSD',
  sunos: 'SunOS',
  aix: 'AIX',
};

const WORKS_WITHOUT =
  'The codec, kernel model and CLI decoding work without it; only live fanotify groups need the addon.';

/**
 * The real environment: this module's directory and Node's `require`.
 * Computed on demand so that importing the package has no side effects.
 *
 * @internal
 */
export function defaultNativeLoadEnvironment(): NativeLoadEnvironment {
  // tsup's shims provide import.meta.url in the CJS build too.
  const require = createRequire(import.meta.url);
  return {
    platform: process.platform,
    arch: process.arch,
    moduleDir: path.dirname(fileURLToPath(import.meta.url)),
    exists: existsSync,
    load: (file) => require(file) as unknown,
  };
}

/**
 * Locates and loads the addon without caching: prebuild first, then local
 * builds; a candidate that fails to load or has the wrong `addonVersion`
 * is skipped in favour of the next one.
 *
 * @throws {@link NativeAddonUnavailableError} describing why no candidate
 *   worked.
 * @internal
 */
export function resolveNativeBinding(environment: NativeLoadEnvironment): NativeBindingResolution {
  const { platform, arch } = environment;
  if (platform !== 'linux') {
    const name = PLATFORM_NAMES[platform] ?? platform;
    throw new NativeAddonUnavailableError(
      'unsupported-platform',
      `The fanotify native addon is not available on ${name} (${platform}-${arch}): fanotify is a Linux API. ${WORKS_WITHOUT}`,
    );
  }

  const root = findPackageRoot(environment.moduleDir);
  if (root === undefined) {
    throw new NativeAddonUnavailableError(
      'not-found',
      `The fanotify native addon was not found: no fanotify-codec package.json above ${environment.moduleDir}. ${WORKS_WITHOUT}`,
    );
  }

  const candidates = nativeBindingCandidates(root, platform, arch);
  const failures: { reason: NativeAddonUnavailableReason; detail: string; cause?: unknown }[] = [];
  for (const file of candidates) {
    if (!environment.exists(file)) continue;
    let loaded: unknown;
    try {
      loaded = environment.load(file);
    } catch (cause) {
      const text = cause instanceof Error ? cause.message : String(cause);
      failures.push({ reason: 'load-failed', detail: `${file}: ${text}`, cause });
      continue;
    }
    const version = addonVersionOf(loaded);
    if (version !== NATIVE_ADDON_VERSION) {
      failures.push({
        reason: 'version-mismatch',
        detail: `${file}: addonVersion ${String(version)}, expected ${NATIVE_ADDON_VERSION} (stale or foreign build)`,
      });
      continue;
    }
    return { binding: loaded as NativeBinding, file };
  }

  const first = failures[0];
  if (first === undefined) {
    throw new NativeAddonUnavailableError(
      'not-found',
      `The fanotify native addon for ${platform}-${arch} was not found: there is no prebuild and no local build ` +
        `(looked for ${candidates.join(', ')}). Run "npm rebuild fanotify-codec" (needs python3, make and a C compiler), ` +
        `or "npm run build:native" in a checkout. ${WORKS_WITHOUT}`,
      { candidates },
    );
  }
  throw new NativeAddonUnavailableError(
    first.reason,
    `The fanotify native addon for ${platform}-${arch} could not be loaded: ${failures.map((f) => f.detail).join('; ')}. ` +
      `Rebuild it with "npm rebuild fanotify-codec". ${WORKS_WITHOUT}`,
    { candidates, cause: first.cause },
  );
}

function addonVersionOf(loaded: unknown): unknown {
  return typeof loaded === 'object' && loaded !== null && 'addonVersion' in loaded ? loaded.addonVersion : undefined;
}

/** First outcome of loading in this thread; the answer never changes. */
let outcome: { readonly binding: NativeBinding } | { readonly error: NativeAddonUnavailableError } | undefined;

/**
 * Loads the fanotify native addon on first call and returns the same object
 * afterwards. Nothing is loaded until this is called, so importing the
 * package works on every platform.
 *
 * @throws {@link NativeAddonUnavailableError} when the addon is unavailable
 *   (not Linux, not built, or rejected by the dynamic loader); the same
 *   error is thrown again on later calls.
 * @public
 */
export function loadNativeBinding(): NativeBinding {
  if (outcome === undefined) {
    try {
      outcome = { binding: resolveNativeBinding(defaultNativeLoadEnvironment()).binding };
    } catch (error) {
      if (!(error instanceof NativeAddonUnavailableError)) throw error;
      outcome = { error };
    }
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.binding;
}

/**
 * Like {@link loadNativeBinding}, but returns `undefined` instead of throwing
 * when the addon is unavailable.
 *
 * @public
 */
export function tryLoadNativeBinding(): NativeBinding | undefined {
  try {
    return loadNativeBinding();
  } catch (error) {
    if (error instanceof NativeAddonUnavailableError) return undefined;
    throw error;
  }
}
