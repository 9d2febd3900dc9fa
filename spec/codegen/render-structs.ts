/**
 * Renders `src/generated/structs.ts`: for each struct the codec decodes on a hot path, the
 * straight-line code of the one struct generator (`src/schema/struct-source.ts`), which
 * `compileStruct` compiles at run time for every other struct. The codec layer hands this code
 * in explicitly for these very schema objects (`src/codec/structs.ts`); test/schema holds the
 * generated, compiled and interpreted code against each other.
 */
import { renderStructBody, structIdentifier } from '../../src/schema/struct-source.js';
import type { StructSchema } from '../../src/schema/struct.js';
import { unknownRecordStruct } from '../records.js';
import { fanotify_event_metadata } from '../structs/event-metadata.js';
import { fidNameRecordStruct, fidRecordStruct } from '../structs/info-fid.js';
import { fanotify_event_info_error, fanotify_event_info_mnt, fanotify_event_info_pidfd, fanotify_event_info_range } from '../structs/info-fixed.js';
import { fanotify_response, fanotify_response_info_audit_rule } from '../structs/response.js';

/** The structs that get generated code (everything the codec decodes on a hot path), with the module that exports each. */
const GENERATED: readonly (readonly [schema: StructSchema, name: string, module: string])[] = [
  [fanotify_event_metadata, 'fanotify_event_metadata', 'structs/event-metadata'],
  [fidRecordStruct, 'fidRecordStruct', 'structs/info-fid'],
  [fidNameRecordStruct, 'fidNameRecordStruct', 'structs/info-fid'],
  [fanotify_event_info_pidfd, 'fanotify_event_info_pidfd', 'structs/info-fixed'],
  [fanotify_event_info_error, 'fanotify_event_info_error', 'structs/info-fixed'],
  [fanotify_event_info_range, 'fanotify_event_info_range', 'structs/info-fixed'],
  [fanotify_event_info_mnt, 'fanotify_event_info_mnt', 'structs/info-fixed'],
  [unknownRecordStruct, 'unknownRecordStruct', 'records'],
  [fanotify_response, 'fanotify_response', 'structs/response'],
  [fanotify_response_info_audit_rule, 'fanotify_response_info_audit_rule', 'structs/response'],
];

/** The structs that get generated code. */
export const generatedStructSchemas: readonly StructSchema[] = GENERATED.map(([schema]) => schema);

/** `import { a, b } from '../../spec/…'` lines for the generated schemas. */
function schemaImports(): string[] {
  const byModule = new Map<string, string[]>();
  for (const [, name, module] of GENERATED) byModule.set(module, [...(byModule.get(module) ?? []), name]);
  return [...byModule].map(([module, names]) => `import { ${names.join(', ')} } from '../../spec/${module}.js';`);
}

/** The source text of the generated module. */
export function renderStructsModule(): string {
  const lines = [
    '// Generated from spec/ by spec/codegen. Do not edit: run `npm run generate`.',
    '/* eslint-disable */',
    ...schemaImports(),
    "import { structDeps, type GeneratedStruct, type StructDeps } from '../schema/generated-struct.js';",
    "import type { StructSchema } from '../schema/struct.js';",
    "import type { StructViewBase } from '../schema/view-base.js';",
    '',
  ];
  const registry: string[] = [];
  for (const [schema, name] of GENERATED) {
    const id = structIdentifier(schema);
    const body = renderStructBody(schema, { ts: true, tag: `generated from spec/: ${schema.name}` });
    lines.push(`/** Straight-line code of \`${schema.name}\`. @internal */`, `function ${id}_code(deps: StructDeps): GeneratedStruct {`, ...body.split('\n').map((l) => '  ' + l), '}', '');
    registry.push(`  [${name}, ${id}_code(structDeps)],`);
  }
  lines.push(
    '/** Generated code of the spec/ structs, by schema object (the codec layer hands it to the compiler). @internal */',
    'export const generatedStructs: ReadonlyMap<StructSchema, GeneratedStruct> = new Map<StructSchema, GeneratedStruct>([',
    ...registry,
    ']);',
    '',
  );
  return lines.join('\n');
}
