/**
 * Compiles `.ksy` text with the registry's kaitai-struct-compiler (a Scala.js build: no JVM) and
 * loads the generated JavaScript parser against the kaitai-struct runtime, in process.
 */
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

/** A parsed Kaitai object: fields by camelCase name. */
export type KaitaiObject = { readonly [key: string]: unknown };

/** The generated root parser of a `.ksy`. */
export interface KaitaiParser {
  parse(bytes: Uint8Array, params?: readonly unknown[]): KaitaiObject;
}

interface Compiler {
  compile(lang: string, ksy: unknown, importer: unknown, debug: boolean): Promise<Record<string, string>>;
}

/** Compiles `.ksy` text to JavaScript and loads the root class. */
export async function compileKsy(text: string): Promise<KaitaiParser> {
  const compiler = require('kaitai-struct-compiler') as Compiler;
  const files = await compiler.compile('javascript', parse(text), null, false);
  const entries = Object.entries(files);
  if (entries.length !== 1) throw new Error(`expected one generated file, got ${entries.map(([name]) => name).join(', ')}`);
  const [fileName, source] = entries[0]!;
  const module = { exports: {} as Record<string, new (...args: unknown[]) => KaitaiObject> };
  // The generated file is a UMD module requiring 'kaitai-struct/KaitaiStream'.
  new Function('module', 'exports', 'require', source)(module, module.exports, require);
  const Root = module.exports[fileName.replace(/\.js$/, '')];
  if (!Root) throw new Error(`${fileName} exports no root class`);
  const KaitaiStream = require('kaitai-struct/KaitaiStream') as new (buffer: ArrayBuffer) => unknown;
  return {
    parse(bytes, params = []) {
      const copy = bytes.slice().buffer;
      return new Root(new KaitaiStream(copy), null, null, ...params);
    },
  };
}

/** `f_handle` → `fHandle`: the generated JavaScript's member names. */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
