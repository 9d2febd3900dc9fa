/**
 * The commands whose runs are dominated by start-up on typical inputs, as the one module that
 * the build bundles into the self-contained CommonJS `dist/cli/hot.cjs` (tsup.config.ts): a run
 * of one of them loads two files (`dist/cli.cjs` and this bundle) instead of ~20 shared chunks,
 * about 15 ms of the ~200 ms `stats` took on the 64 MiB bench stream, and starts no ES-module
 * loader (~10 ms more). The dispatcher imports each command's own module (commands/index.ts);
 * the build makes those imports a `require` of this bundle. Nothing in these commands
 * loads a user's module, so the bundle's own copies of the package's classes never meet the
 * shared chunks' copies (`export`, which imports a user's module, stays on the shared chunks).
 *
 * @packageDocumentation
 */
export { decodeCommand } from './decode.js';
export { normalizeCommand } from './normalize.js';
export { statsCommand } from './stats.js';
