/** The installed version of a peer, read from its package.json, so labels never go stale. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';

export function peerVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}
