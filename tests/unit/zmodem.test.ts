// The ZModem scanner on real lrzsz streams (sz and rz talking over pipes, both directions
// recorded) and on constructed frames: headers, the file announced, progress, cancels.
import { describe, expect, it } from 'vitest';
import { haveLrzsz, recordTransfer } from './lrzsz-record.js';
import { CANCEL_SEQUENCE, ZmodemScanner, type ZmodemEvent } from '../../src/coprocess/zmodem.js';

function scanAll(scanner: ZmodemScanner, chunks: Buffer[]): ZmodemEvent[] {
  return chunks.flatMap((chunk) => scanner.scan(chunk));
}

const headers = (events: ZmodemEvent[]): string[] => events.flatMap((e) => (e.kind === 'header' ? [e.type] : []));

describe.skipIf(!haveLrzsz)('ZmodemScanner on a real lrzsz transfer', () => {
  it('sees the session from both sides: init, the file and its size, data to the end, ZFIN and OO', async () => {
    const size = 300_000;
    const { sent, replies, file, received } = await recordTransfer(size);
    expect(received.equals(file)).toBe(true);
    const sender = new ZmodemScanner();
    const events = scanAll(sender, sent);
    expect(headers(events)).toEqual(['ZRQINIT', 'ZFILE', 'ZDATA', 'ZEOF', 'ZFIN']);
    expect(events.find((e) => e.kind === 'file')).toMatchObject({ name: 'data.bin', size });
    // Every data byte of the file is counted; where it got is the file's end.
    expect(sender.offset).toBe(size);
    expect(sender.dataBytes).toBe(size);
    expect(events.find((e) => e.kind === 'header' && e.type === 'ZEOF')).toMatchObject({ position: size });
    // After ZFIN only "OO" is left.
    const all = Buffer.concat(sent);
    expect(all.subarray(all.length - 2).toString()).toBe('OO');
    const receiver = new ZmodemScanner();
    const answers = headers(scanAll(receiver, replies));
    expect(answers[0]).toBe('ZRINIT');
    expect(answers).toContain('ZRPOS');
    expect(answers.at(-1)).toBe('ZFIN');
  });

  it('gives the same events however the stream is cut into chunks', async () => {
    const { sent } = await recordTransfer(20_000);
    const whole = Buffer.concat(sent);
    const expected = headers(new ZmodemScanner().scan(whole));
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const scanner = new ZmodemScanner();
      const chunks: Buffer[] = [];
      for (let i = 0; i < whole.length; i += size) chunks.push(whole.subarray(i, i + size));
      const events = scanAll(scanner, chunks);
      expect(headers(events)).toEqual(expected);
      expect(scanner.offset).toBe(20_000);
    }
  });
});

describe('ZmodemScanner on constructed frames', () => {
  it('reads a hex header with its CR LF|0x80 XON, and ends it there', () => {
    const frame = Buffer.from('rz\r**\x18B0100000063f694\r\x8a\x11$ ', 'latin1');
    const events = new ZmodemScanner().scan(frame);
    expect(events).toEqual([{ kind: 'header', type: 'ZRINIT', position: 0x63000000, end: frame.indexOf('$') }]);
  });

  it('reads ZFIN (no XON after it) and stops at the next byte', () => {
    const frame = Buffer.from('**\x18B0800000000022d\r\x8aOO', 'latin1');
    expect(new ZmodemScanner().scan(frame)).toEqual([{ kind: 'header', type: 'ZFIN', position: 0, end: frame.length - 2 }]);
  });

  it('reports five CAN bytes in a row as a cancel, in any state', () => {
    const scanner = new ZmodemScanner();
    expect(scanner.scan(Buffer.from('text \x18\x18'))).toEqual([]);
    expect(scanner.scan(Buffer.from('\x18\x18\x18\b\b'))).toEqual([{ kind: 'cancel', end: 3 }]);
    const cancelled = Buffer.concat([Buffer.from('*\x18C\x18J'), CANCEL_SEQUENCE]);
    expect(new ZmodemScanner().scan(cancelled).at(-1)).toMatchObject({ kind: 'cancel' });
  });

  it('text that merely looks like a header start is not one', () => {
    expect(new ZmodemScanner().scan(Buffer.from('**B0100 ** \x18B01zz'))).toEqual([]);
  });
});
