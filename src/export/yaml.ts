/**
 * A YAML emitter for the plain data the exporters build (maps, lists, strings, numbers,
 * booleans). Hand-rolled so the package keeps no runtime dependency; strings that YAML could
 * read as anything but themselves are written as JSON strings, which YAML 1.2 reads verbatim.
 *
 * @packageDocumentation
 */

/** A value the emitter can write. @internal */
export type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue };

const PLAIN = /^[A-Za-z_][A-Za-z0-9_ .()/+-]*$/;
const INTEGER = /^(?:0|[1-9][0-9]*)$/;
const RESERVED = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;

function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (INTEGER.test(value)) return value;
  return PLAIN.test(value) && !RESERVED.test(value) && !value.endsWith(' ') ? value : JSON.stringify(value);
}

function isCollection(value: YamlValue): value is readonly YamlValue[] | { readonly [key: string]: YamlValue } {
  return typeof value === 'object';
}

function isEmpty(value: YamlValue): boolean {
  return isCollection(value) && (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);
}

function emitList(items: readonly YamlValue[], indent: string): string[] {
  return items.flatMap((item) => {
    if (!isCollection(item) || isEmpty(item)) return [`${indent}- ${emitInline(item)}`];
    const [first = '', ...rest] = emit(item, `${indent}  `);
    return [`${indent}- ${first.trimStart()}`, ...rest];
  });
}

function emitInline(value: YamlValue): string {
  if (!isCollection(value)) return scalar(value);
  return Array.isArray(value) ? '[]' : '{}';
}

function emitMap(map: { readonly [key: string]: YamlValue }, indent: string): string[] {
  return Object.entries(map).flatMap(([key, value]) => {
    const k = scalar(key);
    if (!isCollection(value) || isEmpty(value)) return [`${indent}${k}: ${emitInline(value)}`];
    return [`${indent}${k}:`, ...emit(value, `${indent}  `)];
  });
}

function emit(value: YamlValue, indent: string): string[] {
  if (!isCollection(value)) return [`${indent}${scalar(value)}`];
  return Array.isArray(value) ? emitList(value, indent) : emitMap(value as { readonly [key: string]: YamlValue }, indent);
}

/** Writes `value` as a block-style YAML document. @internal */
export function toYaml(value: YamlValue, header?: string): string {
  const comment = header === undefined ? [] : header.split('\n').map((line) => (line ? `# ${line}` : '#'));
  return [...comment, ...emit(value, '')].join('\n') + '\n';
}
