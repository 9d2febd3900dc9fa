// A child process of the differential tests: performs scenario steps sent as JSON lines on
// stdin with real system calls (Node's synchronous fs API) and answers each with a JSON line
// {"result": n} (n < 0: -errno). {"do":"exit"} ends the process, closing its files.
import fs from 'node:fs';
import os from 'node:os';
import readline from 'node:readline';

const files = new Map();
const errno = (e) => -(os.constants.errno[e.code] ?? 1000);

function run(step) {
  switch (step.do) {
    case 'open': {
      const fd = fs.openSync(step.path, step.flagsNumber);
      if (step.as) files.set(step.as, fd);
      return fd;
    }
    case 'close': {
      fs.closeSync(files.get(step.file));
      files.delete(step.file);
      return 0;
    }
    case 'read':
      return fs.readSync(files.get(step.file), Buffer.alloc(step.count), 0, step.count, step.offset ?? null);
    case 'write':
      return fs.writeSync(files.get(step.file), Buffer.alloc(step.count, 0x61), 0, step.count, step.offset ?? null);
    case 'touch':
      fs.closeSync(fs.openSync(step.path, fs.constants.O_WRONLY | fs.constants.O_CREAT));
      return 0;
    case 'write_file':
      fs.writeFileSync(step.path, Buffer.alloc(step.count, 0x61));
      return 0;
    case 'mkdir':
      fs.mkdirSync(step.path);
      return 0;
    case 'unlink':
      fs.unlinkSync(step.path);
      return 0;
    case 'rmdir':
      fs.rmdirSync(step.path);
      return 0;
    case 'rename':
      fs.renameSync(step.from, step.to);
      return 0;
    case 'chmod':
      fs.chmodSync(step.path, step.mode ?? 0o640);
      return 0;
    case 'chown':
      (step.nofollow ? fs.lchownSync : fs.chownSync)(step.path, step.uid ?? -1, step.gid ?? -1);
      return 0;
    case 'readdir':
      return fs.readdirSync(step.path).length;
    default:
      throw new Error(`child-op: unsupported step ${step.do}`);
  }
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const step = JSON.parse(line);
  if (step.do === 'exit') {
    process.exit(0);
  }
  let result;
  try {
    result = run(step);
  } catch (e) {
    if (typeof e?.code !== 'string') throw e;
    result = errno(e);
  }
  process.stdout.write(JSON.stringify({ result }) + '\n');
});
process.stdout.write(JSON.stringify({ ready: process.pid }) + '\n');
