#!/usr/bin/env node
/**
 * `fanotify-codec`: decode, encode and inspect fanotify byte streams; capture and produce them.
 *
 * @packageDocumentation
 */
import module from 'node:module';
import { runCli } from './run.js';

// Node 22.1+ keeps V8's compiled code of the modules loaded from here on (the command's own
// graph, most of what a run compiles) in its on-disk compile cache, so later runs skip that
// compile. The directory is Node's choice (NODE_COMPILE_CACHE, else os.tmpdir()/node-compile-cache;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off), and a cache that cannot be used is skipped
// silently. Node 20 has no such cache: there this is a no-op.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

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
