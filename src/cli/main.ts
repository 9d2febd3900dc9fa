#!/usr/bin/env node
/**
 * `fanotify-codec`: decode, encode and inspect fanotify byte streams; capture and produce them.
 *
 * @packageDocumentation
 */
import { runCli } from './run.js';

// Node 22.3+ keeps V8's compiled code of the modules loaded from here on (the command's own
// graph, most of what a run compiles) in its on-disk compile cache, so later runs skip that
// compile. The directory is Node's choice (NODE_COMPILE_CACHE, else os.tmpdir()/node-compile-cache;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off), and a cache that cannot be used is skipped
// silently. Node 20 has no such cache: there this is a no-op. node:module comes through
// getBuiltinModule (Node 20.16+, 22.3+): an ES import of it builds its ES facade on every run
// (~0.5 ms of `--version`), so 22.1-22.2, which have the cache but not getBuiltinModule, go without.
(process.getBuiltinModule?.('node:module') as { enableCompileCache?: () => unknown } | undefined)?.enableCompileCache?.();

// stdin is made on first use (only `-` reads it): node builds process.stdin lazily, at a cost.
const io = {
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fanotify-codec: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
