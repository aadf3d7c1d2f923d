#!/usr/bin/env node
// What painting costs per reader: one pane (80x23) parsing `seq`-like output 4 KiB at a time,
// painted after every chunk by 1 and by 2 FramePainters (two clients on one session), then
// 3,000 single typed characters, each painted. CPU ms of this process (parse + paint), in
// process, no terminal: steadier than wall-clock sessions on a loaded machine. Builds alternate.
//   node bench/painters-micro.mjs [BUILD_DIR...]     (a checkout or snapshot with dist/; default: this one)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { median, fmt } from './lib/stats.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const COLS = 80;
const ROWS = 23;
const CHUNKS = 3000;
const KEYS = 3000;
const ROUNDS = 3;

async function measure(dir, painters) {
  const stamp = `?v=${painters}-${Math.random()}`; // a fresh module graph per measure: no warm code from the last
  const { Emulator } = await import(`${dir}/dist/emulator/emulator.js${stamp}`);
  const { FramePainter } = await import(`${dir}/dist/app/frame-painter.js${stamp}`);
  const { DEFAULT_STYLE } = await import(`${dir}/dist/ui/compose.js${stamp}`);
  const pane = new Emulator({ cols: COLS, rows: ROWS, scrollback: 2000 });
  // Builds since the styled status line take each side as runs (compose.ts's StyledText); older ones as text.
  const styled = readFileSync(`${dir}/dist/ui/compose.js`, 'utf8').includes('runsKey');
  const side = (text) => (styled ? [{ text, fg: DEFAULT_STYLE.statusFg, bg: DEFAULT_STYLE.statusBg, attrs: DEFAULT_STYLE.statusAttrs }] : text);
  const view = () => ({
    width: COLS, height: ROWS + 2, separators: [], status: { left: side('[tmx]'), right: side('') }, paneNumbers: false, style: DEFAULT_STYLE,
    panes: [{ id: 1, index: 0, rect: { x: 0, y: 0, width: COLS, height: ROWS + 1 }, focused: true, title: 'sh', content: pane, cursor: pane.cursorState() }],
  });
  const panes = new Map([[1, { emulator: pane, shownCursor: () => pane.cursorState() }]]);
  const readers = Array.from({ length: painters }, () => new FramePainter());
  const caps = { truecolor: true };
  const write = (data) => new Promise((done) => pane.write(data, done));
  // Older builds took `whole` for every painter after the first (composed whole, diffed).
  const paintAll = () => readers.forEach((painter, i) => painter.paint(view, panes, caps, i > 0));
  let n = 1;
  const chunk = () => {
    let text = '';
    while (text.length < 4096) text += `${n++}\r\n`;
    return text;
  };
  for (let i = 0; i < 200; i++) (await write(chunk()), paintAll());
  const start = process.cpuUsage();
  for (let i = 0; i < CHUNKS; i++) (await write(chunk()), paintAll());
  const scrolled = process.cpuUsage(start);
  for (let i = 0; i < KEYS; i++) {
    await write('x');
    paintAll();
    if (i % 60 === 59) await write('\r\n');
  }
  const typed = process.cpuUsage(start);
  const ms = (u) => (u.user + u.system) / 1000;
  return { scroll: ms(scrolled), type: ms(typed) - ms(scrolled) };
}

const builds = process.argv.slice(2).map((d) => resolve(d));
if (builds.length === 0) builds.push(REPO);
const results = new Map();
for (let round = 0; round < ROUNDS; round++) {
  for (const dir of builds) {
    for (const painters of (process.env.PAINTERS ?? "1,2").split(",").map(Number)) {
      const key = `${dir}|${painters}`;
      if (!results.has(key)) results.set(key, { scroll: [], type: [] });
      const r = await measure(dir, painters);
      results.get(key).scroll.push(r.scroll);
      results.get(key).type.push(r.type);
    }
  }
}
console.log(`CPU ms, median of ${ROUNDS}: ${CHUNKS} chunks of 4 KiB scrolled, then ${KEYS} typed characters`);
for (const [key, r] of results) {
  const [dir, painters] = key.split('|');
  console.log(`${dir.padEnd(40)} ${painters} painter${painters === '1' ? ' ' : 's'}  scroll ${fmt(median(r.scroll)).padStart(7)}  type ${fmt(median(r.type)).padStart(7)}`);
}
