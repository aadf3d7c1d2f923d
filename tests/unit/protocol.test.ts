// The wire protocol over in-memory bytes: whole messages however the stream splits them;
// garbage, a huge length prefix and unknown types refused at once, without allocating for them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMessage, FramingError, HEADER_BYTES, MAX_MESSAGE_BYTES, MessageDecoder } from '../../src/protocol/framing.js';
import { decodeJson, encodeJson, isHello, isKnownType, MessageType, PROTOCOL_VERSION, versionMismatch } from '../../src/protocol/messages.js';
import { prepareSocketDirectory, socketFromTmxVariable, socketPath } from '../../src/protocol/socket-path.js';
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('framing', () => {
  it('gives back every message, however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ type: fc.constantFrom(...Object.values(MessageType)), payload: fc.uint8Array({ maxLength: 300 }) }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (messages, cuts) => {
          const stream = Buffer.concat(messages.map((m) => encodeMessage(m.type, Buffer.from(m.payload))));
          const decoder = new MessageDecoder(isKnownType);
          const got: Array<{ type: number; payload: number[] }> = [];
          let at = 0;
          for (let i = 0; at < stream.length; i++) {
            const size = cuts[i % cuts.length]!;
            for (const m of decoder.feed(stream.subarray(at, at + size))) got.push({ type: m.type, payload: [...m.payload] });
            at += size;
          }
          expect(got).toEqual(messages.map((m) => ({ type: m.type, payload: [...m.payload] })));
          expect(decoder.pendingBytes).toBe(0);
        },
      ),
    );
  });

  it('a truncated message is held, not delivered, and completes when the rest comes', () => {
    const whole = encodeMessage(MessageType.Input, 'hello');
    const decoder = new MessageDecoder(isKnownType);
    expect(decoder.feed(whole.subarray(0, 7))).toEqual([]);
    expect(decoder.pendingBytes).toBe(7);
    const [message] = decoder.feed(whole.subarray(7));
    expect(message!.payload.toString()).toBe('hello');
  });

  it('refuses a huge length prefix at once, before its bytes arrive', () => {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32BE(0xffffffff, 0);
    header.writeUInt8(MessageType.Input, 4);
    const decoder = new MessageDecoder(isKnownType);
    expect(() => decoder.feed(header)).toThrow(FramingError);
    expect(() => decoder.feed(header)).toThrow(/exceeds the maximum/);
    expect(decoder.pendingBytes).toBe(0);
    // Exactly the maximum is a length, not garbage.
    header.writeUInt32BE(MAX_MESSAGE_BYTES, 0);
    expect(new MessageDecoder(isKnownType).feed(header)).toEqual([]);
  });

  it('refuses garbage (an unknown type) and stays broken', () => {
    const decoder = new MessageDecoder(isKnownType);
    expect(() => decoder.feed(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toThrow(FramingError);
    expect(() => decoder.feed(encodeMessage(MessageType.Input, 'x'))).toThrow(FramingError);
  });

  it('random bytes never crash the decoder with anything but a FramingError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const decoder = new MessageDecoder(isKnownType);
        try {
          decoder.feed(Buffer.from(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(FramingError);
        }
        expect(decoder.pendingBytes).toBeLessThanOrEqual(bytes.length);
      }),
    );
  });

  it('will not encode a message over the maximum', () => {
    expect(() => encodeMessage(MessageType.Output, Buffer.alloc(MAX_MESSAGE_BYTES + 1))).toThrow(/exceeds/);
  });
});

describe('messages', () => {
  it('JSON messages round-trip; a payload that is not a JSON object is undefined', () => {
    const hello = { protocol: PROTOCOL_VERSION, argv: ['ls'], cwd: '/', env: {} };
    const [message] = new MessageDecoder(isKnownType).feed(encodeJson(MessageType.Hello, hello));
    expect(decodeJson(message!)).toEqual(hello);
    expect(isHello(decodeJson(message!))).toBe(true);
    expect(decodeJson({ type: MessageType.Hello, payload: Buffer.from('[1]') })).toBeUndefined();
    expect(decodeJson({ type: MessageType.Hello, payload: Buffer.from('{nope') })).toBeUndefined();
    expect(isHello({ protocol: 1, argv: [3], cwd: '/', env: {} })).toBe(false);
  });

  it('a version mismatch says both versions and what to do', () => {
    expect(versionMismatch(99)).toMatch(/client 99, server 3\b.*kill-server/);
  });
});

describe('socket paths', () => {
  it('-L NAME in $TMX_TMPDIR/tmx-UID, else /tmp; -S as given; $TMX names the socket', () => {
    expect(socketPath({}, {}, 1000)).toBe('/tmp/tmx-1000/default');
    expect(socketPath({ name: 'work' }, { TMX_TMPDIR: '/run/x' }, 7)).toBe('/run/x/tmx-7/work');
    expect(socketPath({ path: '/s/p', name: 'ignored' }, {}, 7)).toBe('/s/p');
    expect(socketFromTmxVariable('/tmp/tmx-0/default,1234,0')).toBe('/tmp/tmx-0/default');
    expect(socketFromTmxVariable('/odd,dir/sock,1234,2')).toBe('/odd,dir/sock');
    expect(socketFromTmxVariable('1')).toBeUndefined();
  });

  it('makes the directory 0700, and refuses one open to others or not a directory', () => {
    const base = mkdtempSync(join(tmpdir(), 'tmx-sock-test-'));
    const uid = process.getuid!();
    const dir = join(base, `tmx-${uid}`);
    expect(prepareSocketDirectory(dir, uid)).toBeUndefined();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    chmodSync(dir, 0o755);
    expect(prepareSocketDirectory(dir, uid)).toMatch(/unsafe permissions \(mode 755.*chmod 700/);
    chmodSync(dir, 0o700);
    expect(prepareSocketDirectory(dir, uid + 1)).toMatch(/belongs to uid \d+, not you/);
    const file = join(base, 'plain');
    writeFileSync(file, '');
    expect(prepareSocketDirectory(file, uid)).toMatch(/cannot create|not a directory/);
  });
});
