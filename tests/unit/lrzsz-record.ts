// Records a real lrzsz transfer for unit tests: sz FILE and rz talking through pipes, each
// side's output kept in the order it was written.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const haveLrzsz = spawnSync('sh', ['-c', 'command -v sz && command -v rz']).status === 0;

export interface RecordedTransfer {
  /** What sz wrote, and what rz wrote, chunk by chunk. */
  sent: Buffer[];
  replies: Buffer[];
  /** Both, in the order they were written. */
  order: Array<{ from: 'sz' | 'rz'; chunk: Buffer }>;
  file: Buffer;
  received: Buffer;
}

export async function recordTransfer(size: number): Promise<RecordedTransfer> {
  const dir = mkdtempSync(join(tmpdir(), 'tmx-zmodem-'));
  try {
    mkdirSync(join(dir, 'in'));
    const file = randomBytes(size);
    writeFileSync(join(dir, 'data.bin'), file);
    const sz = spawn('sz', ['--escape', '--binary', 'data.bin'], { cwd: dir, stdio: ['pipe', 'pipe', 'ignore'] });
    const rz = spawn('rz', ['--escape', '--binary'], { cwd: join(dir, 'in'), stdio: ['pipe', 'pipe', 'ignore'] });
    const sent: Buffer[] = [];
    const replies: Buffer[] = [];
    const order: RecordedTransfer['order'] = [];
    sz.stdout.on('data', (chunk: Buffer) => {
      sent.push(chunk);
      order.push({ from: 'sz', chunk });
      rz.stdin.write(chunk);
    });
    rz.stdout.on('data', (chunk: Buffer) => {
      replies.push(chunk);
      order.push({ from: 'rz', chunk });
      sz.stdin.write(chunk);
    });
    sz.stdin.on('error', () => undefined);
    rz.stdin.on('error', () => undefined);
    sz.stdout.on('end', () => rz.stdin.end());
    await Promise.all([new Promise((r) => sz.on('exit', r)), new Promise((r) => rz.on('exit', r))]);
    return { sent, replies, order, file, received: readFileSync(join(dir, 'in/data.bin')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
