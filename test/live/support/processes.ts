// Child processes for the live tests: commands with captured output, node scripts that act on
// files (so permission events block someone other than the test process), and a hard timeout
// that fails loudly instead of hanging.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A started child with its collected output and completion. */
export interface Started {
  readonly child: ChildProcess;
  readonly done: Promise<RunResult>;
  /** Resolves with stdout so far once it contains `text`. */
  waitFor(text: string): Promise<string>;
}

/** Starts `command`; `done` rejects if it runs longer than `timeoutMs` (the child is killed). */
export function start(command: string, args: readonly string[], options: SpawnOptions & { timeoutMs?: number; input?: string } = {}): Started {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: (s: string) => void }[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const w of waiters.splice(0)) (stdout.includes(w.text) ? w.resolve(stdout) : waiters.push(w));
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (options.input !== undefined) child.stdin?.end(options.input);
  const done = new Promise<RunResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs ?? 30_000} ms (stdout: ${stdout}, stderr: ${stderr})`));
    }, options.timeoutMs ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    done,
    waitFor: (text) => (stdout.includes(text) ? Promise.resolve(stdout) : new Promise((resolve) => waiters.push({ text, resolve }))),
  };
}

/** Runs `command` to completion. */
export function run(command: string, args: readonly string[], options: SpawnOptions & { timeoutMs?: number; input?: string } = {}): Promise<RunResult> {
  return start(command, args, options).done;
}

/** Runs `command`, throwing with its output unless it exits 0. */
export async function runOk(command: string, args: readonly string[], options: SpawnOptions & { timeoutMs?: number } = {}): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code ?? result.signal}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * Starts a node child running `source` (CommonJS, with `require`); `args` are
 * `process.argv[1…]`. It prints JSON lines; {@link lastJson} parses them.
 */
export function startNode(source: string, args: readonly string[] = [], options: SpawnOptions & { timeoutMs?: number; input?: string } = {}): Started {
  return start(process.execPath, ['-e', source, '--', ...args], options);
}

/** A node child that opens `file` for reading and prints `{"ok":true}` or `{"code":"EPERM"}`. */
export const OPEN_FOR_READ = `
const fs = require('fs');
const file = process.argv[1];
try { const fd = fs.openSync(file, 'r'); const b = Buffer.alloc(16); fs.readSync(fd, b, 0, 16, 0); fs.closeSync(fd); console.log(JSON.stringify({ ok: true })); }
catch (e) { console.log(JSON.stringify({ ok: false, code: e.code })); }
`;

/** Parses the last JSON line a child printed. */
export function lastJson<T = Record<string, unknown>>(stdout: string): T {
  const lines = stdout.trim().split('\n').filter((l) => l.startsWith('{'));
  const last = lines.at(-1);
  if (last === undefined) throw new Error(`the child printed no JSON line: ${stdout}`);
  return JSON.parse(last) as T;
}
