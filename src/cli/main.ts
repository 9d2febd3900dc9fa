#!/usr/bin/env node
/**
 * `fanotify-codec`: decode, encode and inspect fanotify byte streams; capture and produce them.
 *
 * @packageDocumentation
 */
import { runCli } from './run.js';

runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fanotify-codec: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
