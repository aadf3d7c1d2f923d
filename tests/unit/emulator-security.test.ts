// Pane output is untrusted: no reply the emulator sends back to a program may carry text the
// program chose (it would be typed into the shell), clipboard reads are never answered, and
// links keep to safe schemes. Each query here carries a payload that would run a command if
// it were echoed.
import { describe, expect, it, vi } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { clipboardWrite, isSafeReply } from '../../src/emulator/reply-policy.js';
import { CellGrid } from '../../src/emulator/cells.js';
import { clipboardForOuterTerminal, describePaneExit } from '../../src/app/pane-events.js';

const PAYLOAD = '\ntouch PWNED\n';
const ESC = '\x1b';
const ST = `${ESC}\\`;

function emulator(): Emulator {
  return new Emulator({ cols: 80, rows: 24, scrollback: 100 });
}

/** Feeds `data` and returns every reply the emulator produced for it. */
async function replies(e: Emulator, data: string): Promise<string[]> {
  const out: string[] = [];
  const sub = e.onReply((d) => out.push(d));
  await new Promise<void>((resolve) => e.write(data, resolve));
  sub.dispose();
  return out;
}

function expectNoPayload(out: string[]): void {
  const all = out.join('');
  expect(all).not.toContain('touch');
  expect(all).not.toContain('PWNED');
  expect(all).not.toContain('\n');
  for (const reply of out) expect(isSafeReply(reply)).toBe(true);
}

describe('replies never echo text a program chose', () => {
  it('DECRQSS for an unknown request answers the fixed "not recognised" reply', async () => {
    const e = emulator();
    for (const request of [PAYLOAD, `m${PAYLOAD}`, `"${PAYLOAD}`, ` q${PAYLOAD}`, 'touch PWNED', `r;${PAYLOAD}`]) {
      const out = await replies(e, `${ESC}P$q${request}${ST}`);
      expectNoPayload(out);
      expect(out).toEqual([`${ESC}P0$r${ST}`]);
    }
  });

  it('DECRQSS for known settings answers numbers only', async () => {
    const e = emulator();
    for (const [setup, request] of [['\x1b[1;31m', 'm'], ['\x1b[2;5r', 'r'], ['\x1b[4 q', ' q']] as const) {
      const out = await replies(e, `${setup}${ESC}P$q${request}${ST}`);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatch(/^\x1bP1\$r[0-9;]*( q|m|r)\x1b\\$/);
    }
  });

  it('title and icon reports (CSI 20t, 21t) and other window reports stay silent', async () => {
    const e = emulator();
    await replies(e, `${ESC}]0;${PAYLOAD}\x07${ESC}]1;${PAYLOAD}\x07${ESC}]2;${PAYLOAD}\x07`);
    for (const query of ['20t', '21t', '14t', '16t', '18t', '19t', '22;0t', '23;0t', '11t', '13t']) {
      expect(await replies(e, `${ESC}[${query}`)).toEqual([]);
    }
  });

  it('colour and font queries (OSC 4/10/11/12/50) answer a fixed format or nothing', async () => {
    const e = emulator();
    await replies(e, `${ESC}]10;${PAYLOAD}\x07${ESC}]4;1;${PAYLOAD}\x07${ESC}]50;${PAYLOAD}\x07`);
    for (const query of ['10;?', '11;?', '12;?', '4;1;?', '4;1;?;2;?', '50;?', '104;?', '110;?']) {
      const out = await replies(e, `${ESC}]${query}\x07`);
      expectNoPayload(out);
    }
  });

  it('device attributes, status and cursor reports still work', async () => {
    const e = emulator();
    expect(await replies(e, `${ESC}[c`)).toEqual([`${ESC}[?1;2c`]);
    expect((await replies(e, `${ESC}[>c`))[0]).toMatch(/^\x1b\[>[0-9;]+c$/);
    expect(await replies(e, `${ESC}[5n`)).toEqual([`${ESC}[0n`]);
    expect(await replies(e, `${ESC}[3;7H${ESC}[6n`)).toEqual([`${ESC}[3;7R`]);
    expect(await replies(e, `${ESC}[?2004$p`)).toEqual([`${ESC}[?2004;2$y`]);
  });

  it('queries with absurd parameters or payloads produce nothing unsafe', async () => {
    const e = emulator();
    const huge = '9'.repeat(80);
    const queries = [
      `${ESC}[${huge}n`, `${ESC}[${huge}c`, `${ESC}[?${huge}$p`, `${ESC}[${huge};${huge}t`,
      `${ESC}P+q${Buffer.from('touch PWNED').toString('hex')}${ST}`, // XTGETTCAP
      `${ESC}P+qtouch PWNED${ST}`, `${ESC}[>q`, `${ESC}[>0q`, // XTVERSION
      `${ESC}]52;c;?\x07`, `${ESC}]52;;?${ST}`, '\x05', // ENQ (answerback)
      `${ESC}Z`, `${ESC}[?u`, `${ESC}[=c`, `${ESC}[1$u`, `${ESC}[2$w`,
    ];
    for (const query of queries) expectNoPayload(await replies(e, query));
  });

  it('the reply filter rejects every shape that could carry text', () => {
    for (const bad of [
      `${ESC}]l${PAYLOAD}${ST}`, `${ESC}]Ltouch${ST}`, // xterm's title/icon reports
      `${ESC}P1$rtouch PWNED${ST}`, `${ESC}P0$r${PAYLOAD}${ST}`, `${ESC}P1+r544e=746f756368${ST}`,
      `${ESC}]52;c;dG91Y2g=\x07`, `${ESC}]10;touch\x07`, `${ESC}[?1;2c${PAYLOAD}`, 'touch PWNED\n', '\x03',
    ]) {
      expect(isSafeReply(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('mouse reports (the user, not the program) still reach the program', async () => {
    const e = emulator();
    await replies(e, `${ESC}[?1000h${ESC}[?1006h`);
    const out: string[] = [];
    const sub = e.onReply((d) => out.push(d));
    e.sendMouse({ action: 'press', button: 0, x: 4, y: 2, shift: false, alt: false, ctrl: false });
    sub.dispose();
    expect(out).toEqual([`${ESC}[<0;5;3M`]);
    // X10 encoding is binary.
    await replies(e, `${ESC}[?1006l`);
    const binary: Array<[string, boolean]> = [];
    const sub2 = e.onReply((d, b) => binary.push([d, b]));
    e.sendMouse({ action: 'press', button: 0, x: 4, y: 2, shift: false, alt: false, ctrl: false });
    sub2.dispose();
    expect(binary.map(([d]) => d).join('')).toBe(`${ESC}[M${String.fromCharCode(32, 37, 35)}`);
  });
});

describe('the emulator never writes to tmx\'s own stdout/stderr', () => {
  it('logs nothing on parse errors (tmx\'s stderr is the user\'s terminal)', async () => {
    const spies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => undefined));
    try {
      const e = emulator();
      await replies(e, `${ESC}\u01b3${ESC}[1\u0433m${ESC}P\u0600${ST}\x7f${ESC}[?${'9'.repeat(80)}h`);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('clipboard (OSC 52), links (OSC 8), titles and exit messages', () => {
  it('never answers a clipboard read; hands a write on decoded', async () => {
    const e = emulator();
    const writes: Buffer[] = [];
    e.onClipboardWrite((d) => writes.push(d));
    expect(await replies(e, `${ESC}]52;c;?\x07${ESC}]52;p;?${ST}`)).toEqual([]);
    expect(writes).toEqual([]);
    await replies(e, `${ESC}]52;c;${Buffer.from('hello').toString('base64')}\x07`);
    expect(writes.map((w) => w.toString())).toEqual(['hello']);
    // Malformed base64 is not a write.
    await replies(e, `${ESC}]52;c;not base64!\x07${ESC}]52;c;abc\x07${ESC}]52\x07`);
    expect(writes).toHaveLength(1);
    expect(clipboardWrite('c;?')).toBeUndefined();
    expect(clipboardWrite('c;\x1b[2J')).toBeUndefined();
  });

  it('passes a write to the outer terminal only when allowed, capped, and re-encoded', () => {
    const data = Buffer.from('\x1b]2;evil\x07 text');
    expect(clipboardForOuterTerminal(data, { 'clipboard-write': false, 'clipboard-max-bytes': 1000 })).toBeUndefined();
    expect(clipboardForOuterTerminal(data, { 'clipboard-write': true, 'clipboard-max-bytes': 5 })).toEqual({
      refused: `Clipboard write of ${data.length} bytes refused (clipboard-max-bytes is 5)`,
    });
    const allowed = clipboardForOuterTerminal(data, { 'clipboard-write': true, 'clipboard-max-bytes': 1000 });
    expect(allowed).toEqual({ sequence: `\x1b]52;c;${data.toString('base64')}\x07` });
    expect((allowed as { sequence: string }).sequence.slice(1, -1)).toMatch(/^\]52;c;[A-Za-z0-9+/=]*$/);
  });

  it('records no links (OSC 8): their text shows, nothing is replied, and the pen stays plain', async () => {
    const e = emulator();
    const out = await replies(e, `${ESC}]8;;javascript:touch PWNED${ST}bad${ESC}]8;;${ST} ${ESC}]8;;https://x.org${ST}good`);
    expect(out).toEqual([]);
    expect(e.rowText(0)).toBe('bad good');
    // Still inside the https link: a link in xterm's pen would make the next echo not plain.
    e.copyViewport(new CellGrid(80, 24), 0, 0, 80, 24);
    expect(e.plainPrintAt(1)).toEqual({ x: 8, y: 0 });
  });

  it('says how a pane program ended when it is news', () => {
    expect(describePaneExit({ exitCode: 0 })).toBeUndefined();
    expect(describePaneExit({ exitCode: 0, signal: 0 })).toBeUndefined();
    expect(describePaneExit({ exitCode: 127, signal: 0 })).toBe('exited with status 127');
    expect(describePaneExit({ exitCode: 0, signal: 9 })).toBe('killed by SIGKILL');
  });

  it('titles keep no control characters that could reach the outer terminal', async () => {
    const e = emulator();
    const titles: string[] = [];
    e.onTitle((t) => titles.push(t));
    await replies(e, `${ESC}]2;a\x01b\x1b[31mc\x07`);
    await replies(e, `${ESC}]2;d\u009b2Je\x07`);
    // Whatever xterm hands over, the border strips C0/C1 (compose.ts uses stripControls).
    const { stripControls } = await import('../../src/emulator/cells.js');
    for (const t of titles) expect(stripControls(t)).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  });
});
