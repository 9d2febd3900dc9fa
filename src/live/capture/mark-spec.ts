/**
 * The capture command's mark syntax: `OBJECT:PATH:EVENTS[:FLAGS]`, e.g.
 * `inode:/srv/data:FAN_CREATE,FAN_DELETE,FAN_ONDIR` or
 * `mount:/mnt/x:FAN_OPEN_PERM:FAN_MARK_DONT_FOLLOW`. PATH may contain `:`; EVENTS are event
 * names (aggregates and hex allowed); FLAGS are extra `FAN_MARK_*` names.
 *
 * @packageDocumentation
 */
import { FanotifyOptionError } from '../errors.js';
import { parseEventMask, parseMarkFlags } from '../flag-words.js';
import type { MarkObject, MarkOptions } from '../marks.js';

const OBJECTS: readonly MarkObject[] = ['inode', 'mount', 'filesystem', 'mntns'];

function isFlagList(part: string): boolean {
  return part.split(/[,|]/).every((w) => /^FAN_MARK_[A-Z_]+$/.test(w.trim()) || /^0x[0-9a-f]+$/i.test(w.trim()));
}

/**
 * Parses one `--mark` value into mark options.
 *
 * @throws {@link FanotifyOptionError} naming what is wrong.
 * @public
 */
export function parseMarkSpec(spec: string): MarkOptions {
  const parts = spec.split(':');
  const object = parts.shift() as MarkObject;
  if (!OBJECTS.includes(object)) throw new FanotifyOptionError(`--mark '${spec}': the object must be one of ${OBJECTS.join(', ')}`);
  let rawFlags = 0;
  if (parts.length >= 3 && isFlagList(parts.at(-1)!)) rawFlags = parseMarkFlags(parts.pop()!);
  const events = parts.pop();
  const path = parts.join(':');
  if (events === undefined || path === '') throw new FanotifyOptionError(`--mark '${spec}': expected OBJECT:PATH:EVENTS[:FLAGS]`);
  const mask = parseEventMask(events);
  if (mask === 0n) throw new FanotifyOptionError(`--mark '${spec}': no events given`);
  return { object, path, events: mask, rawFlags };
}
