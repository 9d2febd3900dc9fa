import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `name` in the package.json that marks the package root. */
const PACKAGE_NAME = 'fanotify-codec';

/**
 * Walks up from `startDir` to the nearest directory whose package.json is
 * named `fanotify-codec`. Works from `src/` (tests), `dist/` (bundled ESM
 * and CJS) and `node_modules/fanotify-codec/dist/`.
 *
 * @param startDir - Directory to start from (inclusive).
 * @returns The package root, or `undefined` if there is none above.
 * @internal
 */
export function findPackageRoot(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    if (readPackageName(path.join(dir, 'package.json')) === PACKAGE_NAME) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readPackageName(file: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string') {
      return parsed.name;
    }
  } catch {
    // Missing or unreadable package.json: keep walking up.
  }
  return undefined;
}

/**
 * The version in the package's own package.json (`'unknown'` when it cannot be found), for
 * `fanotify-codec --version` and capture sidecars.
 *
 * @internal
 */
export function packageVersion(): string {
  const root = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
  if (root === undefined) return 'unknown';
  try {
    const parsed = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
