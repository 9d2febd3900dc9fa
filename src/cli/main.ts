#!/usr/bin/env node
/**
 * `fanotify-codec`: decode, encode and inspect fanotify byte streams; capture and produce them.
 *
 * @packageDocumentation
 */
import { runCli } from './run.js';

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
