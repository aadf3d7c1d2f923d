// Where a silent coprocess's transfer ends, replayed from a real lrzsz session (both
// directions in the order they were written) and from constructed streams: what of the
// pane's output stays hidden, what of the coprocess's output may still be typed in.
import { describe, expect, it } from 'vitest';
import { SilentTransfer, programName } from '../../src/coprocess/transfer.js';
import { CANCEL_SEQUENCE } from '../../src/coprocess/zmodem.js';
import { haveLrzsz, recordTransfer, type RecordedTransfer } from './lrzsz-record.js';

const SHELL = 100;
const JOB = 200;

function fakePorts(): { now(): number; foreground(): number | undefined; shellPid: number; clock: number; fg: number } {
  return {
    clock: 0,
    fg: JOB,
    shellPid: SHELL,
    now() {
      return this.clock;
    },
    foreground() {
      return this.fg;
    },
  };
}

/** The recording without sz's final "OO" (in a pty lrzsz flushes it away on exit, usually). */
function withoutOO(order: RecordedTransfer['order']): RecordedTransfer['order'] {
  const last = order.map((e) => e.from).lastIndexOf('sz');
  const chunk = order[last]!.chunk;
  const trimmed = chunk.toString('latin1').endsWith('OO') ? chunk.subarray(0, chunk.length - 2) : chunk;
  return order.map((e, i) => (i === last ? { from: e.from, chunk: trimmed } : e)).filter((e) => e.chunk.length > 0);
}

const ZFIN = Buffer.from('**\x18B0800000000022d\r\x8a', 'latin1');
const after = (text: string): Buffer => Buffer.from(text, 'latin1');

describe.skipIf(!haveLrzsz)('a real lrzsz session replayed', () => {
  it('download (sz in the pane): all of it hidden, the shell\'s next line shown, rz\'s repeated ZFIN dropped', async () => {
    const recorded = await recordTransfer(300_000);
    for (const order of [recorded.order, withoutOO(recorded.order)]) {
      const ports = fakePorts();
      const transfer = new SilentTransfer(ports);
      for (const { from, chunk } of order) {
        ports.clock += 1;
        if (from === 'sz') expect(transfer.paneOutput(chunk)).toBe(chunk.length);
        else expect(transfer.coprocessOutput(chunk).length).toBe(chunk.length);
        expect(transfer.paneEnded).toBeUndefined();
      }
      expect(transfer.progressLines('rz --escape --binary')[0]).toBe('ZModem download: data.bin');
      expect(transfer.progressLines('rz --escape --binary')[1]).toMatch(/^100%  293\.0 KiB of 293\.0 KiB/);
      // The shell's output after sz: shown from its first byte.
      expect(transfer.paneOutput(after('done\r\n$ '))).toBe(0);
      expect(transfer.paneEnded).toBe('zmodem');
      // rz repeats its ZFIN while it waits for an "OO" that never came: never typed in.
      expect(transfer.coprocessOutput(ZFIN).length).toBe(0);
      transfer.finished();
      expect(transfer.summary()).toMatch(/^ZModem received data\.bin \(293\.0 KiB\) in [\d.]+ s, [\d.]+ [KM]iB\/s$/);
    }
  });

  it('upload (rz in the pane): hidden up to rz\'s ZFIN; sz\'s "OO" still goes in, then nothing', async () => {
    const { order } = await recordTransfer(100_000);
    const ports = fakePorts();
    const transfer = new SilentTransfer(ports);
    let oo: Buffer | undefined;
    for (const { from, chunk } of order) {
      ports.clock += 1;
      if (from === 'rz') expect(transfer.paneOutput(chunk)).toBe(chunk.length);
      else if (chunk.toString('latin1') === 'OO') oo = transfer.coprocessOutput(chunk);
      else expect(transfer.coprocessOutput(chunk).length).toBe(chunk.length);
    }
    expect(oo?.toString()).toBe('OO');
    expect(transfer.paneOutput(after('done\r\n$ '))).toBe(0);
    expect(transfer.paneEnded).toBe('zmodem');
    expect(transfer.coprocessOutput(after('**\x18B0800000000022d\r\x8a')).length).toBe(0);
    expect(transfer.summary()).toMatch(/^ZModem sent data\.bin \(97\.7 KiB\)/);
  });

  it('"OO" and the shell\'s output in one chunk: the OO stays hidden', async () => {
    const { order } = await recordTransfer(10_000);
    const transfer = new SilentTransfer(fakePorts());
    for (const { from, chunk } of withoutOO(order)) {
      if (from === 'sz') transfer.paneOutput(chunk);
      else transfer.coprocessOutput(chunk);
    }
    expect(transfer.paneOutput(after('OOdone\r\n'))).toBe(2);
  });

  it('the sender in the pane dies mid-transfer: its leftover data stays hidden, the shell\'s output is shown', async () => {
    const { order } = await recordTransfer(300_000);
    const ports = fakePorts();
    const transfer = new SilentTransfer(ports);
    const half = order.findIndex((e, i) => i > order.length / 2 && e.from === 'sz' && e.chunk.length > 100);
    for (const { from, chunk } of order.slice(0, half)) {
      if (from === 'sz') transfer.paneOutput(chunk);
      else transfer.coprocessOutput(chunk);
    }
    ports.fg = SHELL; // sz has gone; its last data is still on its way
    const leftover = order[half]!.chunk;
    expect(transfer.paneOutput(leftover)).toBe(leftover.length);
    expect(transfer.paneEnded).toBeUndefined();
    const prompt = after('\x1b[?2004h$ ');
    expect(transfer.paneOutput(Buffer.concat([leftover.subarray(0, 50), prompt]))).toBe(50);
    expect(transfer.paneEnded).toBe('program-ended');
    expect(transfer.coprocessOutput(after('**\x18B0900000000a87c\r\x8a\x11')).length).toBe(0);
    expect(transfer.summary()).toMatch(/^ZModem: data\.bin stopped at [\d.]+ KiB of 293\.0 KiB \(\d+%\)$/);
  });
});

describe('constructed streams', () => {
  it('a cancel from the pane\'s program: hidden up to its CANs and backspaces', () => {
    const transfer = new SilentTransfer(fakePorts());
    transfer.coprocessOutput(after('**\x18B0100000063f694\r\x8a\x11'));
    const chunk = Buffer.concat([after('*\x18C\x18J'), CANCEL_SEQUENCE, after('$ ')]);
    expect(transfer.paneOutput(chunk)).toBe(chunk.length - 2);
    expect(transfer.paneEnded).toBe('cancelled');
    expect(transfer.coprocessOutput(after('anything')).length).toBe(0);
  });

  it('any program: hidden while it runs, shown once the shell has the terminal again, and the coprocess is cut off', () => {
    const ports = fakePorts();
    const transfer = new SilentTransfer(ports);
    expect(transfer.paneOutput(after('question?\r\n'))).toBe(11);
    expect(transfer.coprocessOutput(after('answer\n')).toString()).toBe('answer\n');
    ports.fg = SHELL;
    expect(transfer.paneOutput(after('after\r\n$ '))).toBe(0);
    expect(transfer.paneEnded).toBe('program-ended');
    expect(transfer.coprocessOutput(after('echo late\n')).length).toBe(0);
    expect(transfer.progressLines('./answer.py')[0]).toBe('Silent coprocess: ./answer.py');
  });

  it('any program: the shell\'s output is shown from its first byte, even one ZModem would leave behind', () => {
    const ports = fakePorts();
    const transfer = new SilentTransfer(ports);
    transfer.paneOutput(after('working\r\n'));
    ports.fg = SHELL;
    expect(transfer.paneOutput(after('OK\r\n$ '))).toBe(0);
  });

  it('a program that ends quietly is noticed by the poll (seen twice, so its last output was read)', () => {
    const ports = fakePorts();
    const transfer = new SilentTransfer(ports);
    ports.fg = SHELL;
    transfer.poll();
    expect(transfer.paneEnded).toBeUndefined();
    ports.clock += 250;
    transfer.poll();
    expect(transfer.paneEnded).toBe('program-ended');
  });

  it('started at the prompt: waits for a program to run and end', () => {
    const ports = fakePorts();
    ports.fg = SHELL;
    const transfer = new SilentTransfer(ports);
    expect(transfer.paneOutput(after('x'))).toBe(1);
    ports.fg = JOB;
    expect(transfer.paneOutput(after('y'))).toBe(1);
    ports.fg = SHELL;
    expect(transfer.paneOutput(after('$ '))).toBe(0);
  });

  it('names the program of a command line for messages', () => {
    expect(programName('rz --escape --binary')).toBe('rz');
    expect(programName('cd ~/dl && exec /usr/bin/rz -b')).toBe('rz');
    expect(programName('sleep 1; exec sz x')).toBe('sz');
  });
});
