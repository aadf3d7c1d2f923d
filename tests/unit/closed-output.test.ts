// One-shot output to a reader that went away (`tmx --check-config | head -1`) ends tmx quietly,
// with the status of a program killed by SIGPIPE, as a shell expects: no EPIPE stack trace.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSED_OUTPUT_STATUS, exitQuietlyWhenClosed } from '../../src/io/closed-output.js';

const BIN = join(resolve(import.meta.dirname, '../..'), 'bin/tmx.js');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs bin/tmx.js with its stdout a pipe whose reading end is closed at once: status and stderr. */
function runToClosedReader(args: string[], cwd: string): Promise<{ status: number | null; signal: string | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('node', [BIN, ...args], { cwd, env: { ...process.env, HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.config') }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status, signal) => done({ status, signal, stderr }));
  });
}

describe('output to a closed reader', () => {
  it('is 128 + SIGPIPE, the status a shell gives a program killed by SIGPIPE', () => {
    expect(CLOSED_OUTPUT_STATUS).toBe(141);
  });

  it('tmx --check-config with thousands of lines to print ends quietly with 141', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tmx-closed-output-'));
    dirs.push(dir);
    // Each unknown option is a line: far more than a pipe holds.
    const options = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`unknown-${i}`, 1]));
    writeFileSync(join(dir, 'rc.json'), JSON.stringify({ options }));
    const result = await runToClosedReader(['--check-config', join(dir, 'rc.json')], dir);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ status: CLOSED_OUTPUT_STATUS, signal: null });
  });

  it('tmx --help ends quietly with 141', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tmx-closed-output-'));
    dirs.push(dir);
    expect(await runToClosedReader(['--help'], dir)).toEqual({ status: CLOSED_OUTPUT_STATUS, signal: null, stderr: '' });
  });

  it('other errors still reach whoever else listens, or are thrown', () => {
    const stream = new EventEmitter() as unknown as NodeJS.WritableStream;
    const exits: number[] = [];
    exitQuietlyWhenClosed(stream, (status) => exits.push(status));
    const eio = Object.assign(new Error('write EIO'), { code: 'EIO' });
    expect(() => stream.emit('error', eio)).toThrow('write EIO');
    const seen: Error[] = [];
    stream.on('error', (error: Error) => seen.push(error));
    stream.emit('error', eio);
    expect(seen).toEqual([eio]);
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([CLOSED_OUTPUT_STATUS]);
  });
});
