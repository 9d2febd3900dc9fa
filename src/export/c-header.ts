/**
 * C header export: the kernel structs and constants of spec/ as a uapi-style C header, so C
 * programs (and anything with a C FFI) get the layouts and the newest constants from the same
 * source as the TypeScript codec, on systems whose <linux/fanotify.h> is older.
 *
 * @packageDocumentation
 */
import { allConstantGroups } from '../../spec/codegen/render-constants.js';
import { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
import { fanotify_event_info_error, fanotify_event_info_mnt, fanotify_event_info_pidfd, fanotify_event_info_range } from '../../spec/structs/info-fixed.js';
import { fanotify_event_info_fid, file_handle } from '../../spec/structs/info-fid.js';
import { fanotify_event_info_header } from '../../spec/structs/info-header.js';
import { fanotify_response, fanotify_response_info_audit_rule, fanotify_response_info_header } from '../../spec/structs/response.js';
import { rejectUnknownOptions } from '../fanotify-codec-error.js';
import type { ConstantSpec } from '../schema/constants.js';
import type { Field } from '../schema/fields.js';
import type { ScalarKind } from '../schema/scalar.js';
import type { StructSchema } from '../schema/struct.js';
import { FanotifySchemaExportError } from './errors.js';

/** Options of {@link exportCHeader}. @public */
export interface CHeaderOptions {
  /**
   * Prefix for every struct (`fc_` → `struct fc_fanotify_event_metadata`) and, upper-cased, every
   * macro (`FC_FAN_OPEN`), so the header can sit next to `<linux/fanotify.h>`. Default: none — the
   * kernel's own names, as a replacement for that header.
   */
  readonly prefix?: string;
}

/** One C member of an exported struct and the spec field it holds. @public */
export interface CMemberLayout {
  /** The spec field (`range_pad`, `info_type`). */
  readonly field: string;
  /** The member as C names it (`pad`, `hdr.info_type`). */
  readonly member: string;
}

/** One exported struct: its spec schema, its C name (without prefix) and its members. @public */
export interface CStructLayout {
  /** The spec struct. */
  readonly schema: StructSchema;
  /** The C struct name (the kernel's). */
  readonly name: string;
  /** Members with a fixed offset, in order (flexible tails are not offsetof-comparable). */
  readonly members: readonly CMemberLayout[];
}

/** The header structs whose fields other structs embed as their first member `hdr`. */
const EMBEDDED_HEADERS: readonly StructSchema[] = [fanotify_event_info_header, fanotify_response_info_header];

/**
 * Spec fields whose C member name differs for a reason other than the embedded `hdr`: the range
 * struct's own `pad` is `range_pad` in spec/ only because the flattened header already has `pad`.
 */
const C_MEMBER_NAMES: Readonly<Record<string, string>> = { 'fanotify_event_info_range.range_pad': 'pad' };

/** The spec structs the kernel's uapi header declares, in its order. */
const HEADER_STRUCTS: readonly StructSchema[] = [
  fanotify_event_metadata,
  fanotify_event_info_header,
  fanotify_event_info_fid,
  file_handle,
  fanotify_event_info_pidfd,
  fanotify_event_info_error,
  fanotify_event_info_range,
  fanotify_event_info_mnt,
  fanotify_response,
  fanotify_response_info_header,
  fanotify_response_info_audit_rule,
];

const C_TYPES: Readonly<Record<ScalarKind, string>> = { u8: '__u8', u16: '__u16', u32: '__u32', u64: '__aligned_u64', s8: '__s8', s16: '__s16', s32: '__s32', s64: '__s64' };

/** The header struct `schema` starts with (by field identity: spec spreads the header's fields), if any. */
function embeddedHeader(schema: StructSchema): StructSchema | undefined {
  if (EMBEDDED_HEADERS.includes(schema)) return undefined;
  const fields = Object.values(schema.fields);
  return EMBEDDED_HEADERS.find((header) => Object.values(header.fields).every((field, i) => fields[i] === field));
}

/** How each exported struct's fields map to C members. @public */
export function cStructLayouts(): readonly CStructLayout[] {
  return HEADER_STRUCTS.map((schema) => {
    const header = embeddedHeader(schema);
    const headerNames = new Set(header ? Object.keys(header.fields) : []);
    const members = schema.layout.fields
      .filter((f) => f.offset !== undefined)
      .map((f) => ({ field: f.name, member: headerNames.has(f.name) ? `hdr.${f.name}` : (C_MEMBER_NAMES[`${schema.name}.${f.name}`] ?? f.name) }));
    return { schema, name: schema.name, members };
  });
}

function comment(text: string | undefined, indent = ''): string[] {
  return text === undefined ? [] : [`${indent}/* ${text.replace(/\*\//g, '* /')} */`];
}

function memberDecl(name: string, field: Field, path: string): string {
  switch (field.kind) {
    case 'scalar':
      return `${C_TYPES[field.scalar]} ${name};`;
    case 'array':
      return `${C_TYPES[field.element.scalar]} ${name}[${field.count}];`;
    case 'bytes':
    case 'rest':
      return `unsigned char ${name}[];`;
    case 'cstring':
      return `char ${name}[];`;
    default:
      throw new FanotifySchemaExportError('UNSUPPORTED_FIELD', path, 'no C declaration for this field kind');
  }
}

function structBody(layout: CStructLayout, prefix: string): string[] {
  const header = embeddedHeader(layout.schema);
  const lines: string[] = [];
  if (header) lines.push(`\tstruct ${prefix}${header.name} hdr;`);
  const skip = header ? Object.keys(header.fields).length : 0;
  for (const f of layout.schema.layout.fields.slice(skip)) {
    const member = layout.members.find((m) => m.field === f.name)?.member ?? f.name;
    lines.push(...comment(f.field.doc, '\t'), `\t${memberDecl(member, f.field, `${layout.name}.${f.name}`)}`);
  }
  return lines;
}

function structDecl(layout: CStructLayout, prefix: string): string[] {
  // glibc's <fcntl.h> declares struct file_handle (with MAX_HANDLE_SZ) under _GNU_SOURCE.
  const guarded = prefix === '' && layout.name === 'file_handle';
  const decl = [...comment(layout.schema.doc), `struct ${prefix}${layout.name} {`, ...structBody(layout, prefix), '};', ''];
  return guarded ? ['#ifndef MAX_HANDLE_SZ', ...decl, '#endif', ''] : decl;
}

function valueText(spec: ConstantSpec, group: string): string {
  const value = BigInt(spec.value);
  if (value < 0n) return `(${value})`;
  const flags = group !== 'special-values';
  return flags ? `0x${value.toString(16).padStart(8, '0')}` : value.toString();
}

function constantLines(prefix: string): string[] {
  const macro = prefix.toUpperCase();
  return allConstantGroups.flatMap((group) => [
    `/* ${group.name}: ${group.doc} */`,
    ...Object.entries(group.entries).map(([name, spec]) => {
      const since = spec.backports?.length ? `since ${spec.since} (also ${spec.backports.join(', ')})` : `since ${spec.since}`;
      return `#define ${macro}${name} ${valueText(spec, group.name)} /* ${since}: ${spec.doc.replace(/\*\//g, '* /')} */`;
    }),
    '',
  ]);
}

/**
 * The C header text: every constant of spec/ (with the release that introduced it) and every
 * struct the kernel's uapi header declares, laid out by spec/ (embedded `hdr` members, flexible
 * tails), including those newer than the installed header.
 *
 * @example
 * ```ts
 * fs.writeFileSync('fanotify-codec.h', exportCHeader({ prefix: 'fc_' }));
 * ```
 * @throws {@link FanotifySchemaExportError} when the prefix is not a C identifier prefix.
 * @public
 */
export function exportCHeader(options: CHeaderOptions = {}): string {
  rejectUnknownOptions('exportCHeader', options, ['prefix'] satisfies (keyof CHeaderOptions)[]);
  const prefix = options.prefix ?? '';
  if (!/^(?:[A-Za-z_][A-Za-z0-9_]*)?$/.test(prefix)) throw new FanotifySchemaExportError('BAD_IDENTIFIER', 'prefix', `'${prefix}' cannot start a C identifier`);
  const guard = `${prefix.toUpperCase()}FANOTIFY_CODEC_UAPI_H`;
  return [
    '/* Generated by `fanotify-codec export c-header` from the schemas and constants of spec/. Do not edit. */',
    `#ifndef ${guard}`,
    `#define ${guard}`,
    ...(prefix === '' ? ['', '#ifdef _LINUX_FANOTIFY_H', '#error "this header replaces <linux/fanotify.h>; to use both, export it with a prefix (--prefix fc_)"', '#endif'] : []),
    '',
    '#include <linux/types.h>',
    '',
    ...constantLines(prefix),
    ...cStructLayouts().flatMap((layout) => structDecl(layout, prefix)),
    `#endif /* ${guard} */`,
    '',
  ].join('\n');
}
