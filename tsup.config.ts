import { build, type Plugin } from 'esbuild';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
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
/** The CLI commands bundled into dist/cli/hot.js: the modules src/cli/commands/hot.ts re-exports. */
export const HOT_COMMANDS = new Set([...readFileSync(`${COMMANDS_DIR}/hot.ts`, 'utf8').matchAll(/from '\.\/([a-z-]+)\.js'/g)].map((m) => m[1]!));
/** Every other command: an entry of the shared-chunk build, dist/cli/NAME.js. */
export const OTHER_COMMANDS = readdirSync(COMMANDS_DIR)
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => name !== 'index' && name !== 'hot' && !HOT_COMMANDS.has(name));
const commandEntries = Object.fromEntries(OTHER_COMMANDS.map((name) => [`cli/${name}`, `${COMMANDS_DIR}/${name}.ts`]));

/**
 * In dist/cli.js, the dispatcher's import of each command's module (commands/index.ts) loads
 * the built file instead: dist/cli/hot.js for a hot command, dist/cli/NAME.js for the others.
 */
const commandFiles: Plugin = {
  name: 'cli-command-files',
  setup(b) {
    b.onResolve({ filter: /^\.\/[a-z-]+\.js$/ }, (args) => {
      if (!args.importer.endsWith(`${COMMANDS_DIR}/index.ts`)) return undefined;
      const name = args.path.slice(2, -3);
      return { path: HOT_COMMANDS.has(name) ? './cli/hot.js' : `./cli/${name}.js`, external: true };
    });
  },
};

/**
 * The CLI's own files, each self-contained: dist/cli.js (the dispatcher: `--help`, `--version`,
 * choosing a command) and dist/cli/hot.js (the hot commands). A `stats` run loads those two
 * files instead of ~20 shared chunks (ES module loading was most of the CLI's own start-up).
 * The bundles carry their own copies of the classes they use; the other commands run on the
 * shared chunks, so `export --records` sees the same schema classes as the user's module it
 * imports (src/cli/commands/hot.ts says why the hot ones can be apart).
 */
async function buildCli(): Promise<void> {
  await build({
    entryPoints: { cli: 'src/cli/main.ts', 'cli/hot': `${COMMANDS_DIR}/hot.ts` },
    outdir: 'dist',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    keepNames: true,
    logLevel: 'warning',
    plugins: [commandFiles],
  });
  chmodSync('dist/cli.js', 0o755);
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
    // The CLI is an ES module only (package.json "bin" runs dist/cli.js); a CommonJS copy would be unused weight.
    // (A new object: the entry object is shared by both formats.)
    if (format === 'cjs' && options.entryPoints && !Array.isArray(options.entryPoints)) {
      options.entryPoints = Object.fromEntries(Object.entries(options.entryPoints as Record<string, string>).filter(([name]) => !name.startsWith('cli/')));
    }
  },
  // After the shared-chunk build (which cleans dist/ first).
  onSuccess: buildCli,
});
