import { build, type Plugin } from 'esbuild';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

/** The package's entry points: the root (codec and constants) and one subpath per concern (package.json `exports`). */
const entries = {
  index: 'src/index.ts',
  schema: 'src/entries/schema.ts',
  live: 'src/entries/live.ts',
  model: 'src/entries/model.ts',
  golden: 'src/entries/golden.ts',
  kernel: 'src/entries/kernel.ts',
  export: 'src/entries/export.ts',
};

const COMMANDS_DIR = 'src/cli/commands';
/** The CLI commands bundled each into its own self-contained dist/cli/NAME.cjs: the modules src/cli/commands/hot.ts re-exports. */
export const HOT_COMMANDS = new Set([...readFileSync(`${COMMANDS_DIR}/hot.ts`, 'utf8').matchAll(/from '\.\/([a-z-]+)\.js'/g)].map((m) => m[1]!));
/** Every other command: an entry of the shared-chunk build, dist/cli/NAME.js. */
export const OTHER_COMMANDS = readdirSync(COMMANDS_DIR)
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => name !== 'index' && name !== 'hot' && !HOT_COMMANDS.has(name));
/** The build entries of CLI commands: dist/cli/NAME from src/cli/commands/NAME.ts. */
const cliEntries = (names: Iterable<string>): Record<string, string> => Object.fromEntries([...names].map((name) => [`cli/${name}`, `${COMMANDS_DIR}/${name}.ts`]));
const commandEntries = cliEntries(OTHER_COMMANDS);

/** Where the dispatcher finds a hot command's bundle, relative to itself. */
export const hotFile = (name: string): string => `./cli/${name}.cjs`;

/**
 * In dist/cli.cjs, the dispatcher's loader of each command's module (commands/index.ts) loads
 * the built file instead: a hot command's bundle is `require`d (an `import()`, even from
 * CommonJS, starts Node's ES-module loader: ~10 ms of a `stats` run), another command's
 * dist/cli/NAME.js (an ES module of the shared-chunk build) imported.
 */
const commandFiles: Plugin = {
  name: 'cli-command-files',
  setup(b) {
    b.onLoad({ filter: /src[\\/]cli[\\/]commands[\\/]index\.ts$/ }, (args) => ({
      loader: 'ts',
      contents: readFileSync(args.path, 'utf8').replace(/\(await import\('\.\/([a-z-]+)\.js'\)\)/g, (_, name: string) =>
        HOT_COMMANDS.has(name) ? `require('${hotFile(name)}')` : `(await import('./cli/${name}.js'))`,
      ),
    }));
    b.onResolve({ filter: /^\.\/cli\// }, (args) => (args.importer.endsWith('index.ts') ? { path: args.path, external: true } : undefined));
  },
};

/** `import.meta.url` in a CommonJS bundle (the CLI finds its package root from it). */
const IMPORT_META_URL = { banner: { js: "const import_meta_url = require('node:url').pathToFileURL(__filename).href;" }, define: { 'import.meta.url': 'import_meta_url' } };

/** dist/cli.js: `node dist/cli.js`, as documented, runs the CLI (the package's bin is dist/cli.cjs). */
const CLI_SHIM = `#!/usr/bin/env node
// The CLI is dist/cli.cjs (the package's bin): CommonJS, so a run starts no ES-module loader.
// This file keeps \`node dist/cli.js\` working.
import './cli.cjs';
`;

/**
 * The CLI's own files, each self-contained and CommonJS: dist/cli.cjs (the dispatcher: `--help`,
 * `--version`, choosing a command) and one bundle per hot command, dist/cli/NAME.cjs. A `stats`
 * run loads two files instead of ~20 shared chunks (ES module loading was most of the CLI's own
 * start-up), and, CommonJS, starts no ES-module loader (~10 ms of a `stats` run on the bench
 * stream, bench/RESULTS.md). The bundles carry their own copies of the classes they use; the
 * other commands run on the package's shared chunks, so `export --records` sees the same schema
 * classes as the user's module it imports (src/cli/commands/hot.ts says why the hot ones can be
 * apart).
 */
async function buildCli(): Promise<void> {
  // No keepNames here: its `__name` call on every function and class took ~5 ms of each start
  // (`stats` on a small dump: 151 -> 144 ms, best of 15), and the CLI prints errors' messages,
  // whose classes set `name` themselves; only a class esbuild renames for a clash would show
  // another name, in a stack trace. Whitespace and syntax are minified (names are kept, so stack
  // traces still read): V8 reads, scans and pre-parses less. With a bundle per command, `stats`
  // on a small dump ran its command in 36.9 ms of the process instead of 47.6 (one bundle of
  // three, not minified; median of 15, bench/RESULTS.md).
  const common = { outdir: 'dist', outExtension: { '.js': '.cjs' }, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning', minifyWhitespace: true, minifySyntax: true, ...IMPORT_META_URL } as const;
  await build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, plugins: [commandFiles] });
  await build({ ...common, entryPoints: cliEntries(HOT_COMMANDS) });
  writeFileSync('dist/cli.js', CLI_SHIM);
  for (const file of ['dist/cli.cjs', 'dist/cli.js']) chmodSync(file, 0o755);
}

export default defineConfig({
  entry: { ...entries, ...commandEntries },
  format: ['esm', 'cjs'],
  // stripInternal: `@internal` members of public classes stay out of the published types.
  dts: { entry: entries, compilerOptions: { stripInternal: true } },
  // No source maps: they tripled the tarball (3.5 MB) and pointed at src/, which is not shipped.
  sourcemap: false,
  clean: true,
  target: 'node20',
  platform: 'node',
  // Shared chunks: every entry uses the one copy of each class, so `instanceof` holds across entries.
  splitting: true,
  shims: true,
  // Class names survive bundling, so errors print and inspect as FanotifyDecodeError, not _FanotifyDecodeError.
  keepNames: true,
  esbuildOptions(options, { format }) {
    // The CLI's commands are built here as ES modules only (the dispatcher and the hot commands, CommonJS, by buildCli); a CommonJS copy would be unused weight.
    // (A new object: the entry object is shared by both formats.)
    if (format === 'cjs' && options.entryPoints && !Array.isArray(options.entryPoints)) {
      options.entryPoints = Object.fromEntries(Object.entries(options.entryPoints as Record<string, string>).filter(([name]) => !name.startsWith('cli/')));
    }
  },
  // After the shared-chunk build (which cleans dist/ first).
  onSuccess: buildCli,
});
