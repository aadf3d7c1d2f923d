#!/usr/bin/env node
// What the control-string filter (src/emulator/control-strings.ts) costs on ordinary output,
// beside what xterm's parse of the same bytes costs: each shape of output in the pty's chunk
// size, filtered again and again, then parsed once by an Emulator (filter included).
// Run after `npm run build`:  node bench/control-strings.mjs
import { ControlStringFilter } from '../dist/emulator/control-strings.js';
import { Emulator } from '../dist/emulator/emulator.js';
import { readFileSync } from 'node:fs';
import { ensureData } from './lib/data.mjs';

/** node-pty reads up to 64 KiB at a time. */
const CHUNK = 65536;
/** Bytes of each shape: enough for a stable median on the 2-core VM. */
const TOTAL = 16 * 1048576;
const REPEATS = 7;

const line = (n) => `${n}: the quick brown fox jumps over the lazy dog 0123456789\r\n`;
const shapes = {
  'plain ASCII': (n) => line(n),
  'SGR every word': (n) => line(n).split(' ').map((w, i) => `\x1b[3${i % 8}m${w}\x1b[0m`).join(' '),
  'Latin-1 (0xC2 bytes: ° © ±)': (n) => `${n}° température ±2 © 2026 — naïve café\r\n`,
  'CJK': (n) => `${n}: 日本語のテキストと漢字の行です。\r\n`,
  'short OSC titles': (n) => `\x1b]0;title ${n}\x07${line(n)}`,
};

function chunksOf(make) {
  let text = '';
  for (let n = 0; typeof make === 'function' && text.length < CHUNK * 4; n++) text += make(n);
  const buffer = typeof make === 'function' ? Buffer.from(text) : make;
  const chunks = [];
  for (let i = 0; i + CHUNK <= buffer.length; i += CHUNK) chunks.push(buffer.subarray(i, i + CHUNK));
  return chunks;
}

/** CPU time, not wall time: the machine is shared, and a preempted run would read slow. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function filterTime(chunks) {
  const filter = new ControlStringFilter();
  const rounds = TOTAL / (chunks.length * CHUNK);
  const times = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = cpuMs();
    for (let k = 0; k < rounds; k++) for (const c of chunks) filter.filter(c);
    times.push(cpuMs() - t0);
  }
  return median(times);
}

async function parseTime(chunks) {
  const emulator = new Emulator({ cols: 120, rows: 40, scrollback: 10000 });
  const write = (d) => new Promise((resolve) => emulator.write(d, resolve));
  const rounds = Math.max(1, (4 * 1048576) / (chunks.length * CHUNK));
  for (const c of chunks) await write(c); // warm
  const t0 = cpuMs();
  for (let k = 0; k < rounds; k++) for (const c of chunks) await write(c);
  const ms = cpuMs() - t0;
  emulator.dispose();
  return (ms * TOTAL) / (rounds * chunks.length * CHUNK);
}

console.log(`per ${TOTAL / 1048576} MiB, CPU ms, median of ${REPEATS}; parse = Emulator.write (filter + xterm)`);
// The bench's own coloured output (bench/lib/data.mjs): every other line in 256-colour and 24-bit SGR.
shapes["the bench's colour.txt (4 MiB)"] = readFileSync(ensureData().files.colour.path).subarray(0, 4 * 1048576);
for (const [name, make] of Object.entries(shapes)) {
  const chunks = chunksOf(make);
  const filterMs = filterTime(chunks);
  const parseMs = await parseTime(chunks);
  console.log(`${name.padEnd(30)} filter ${filterMs.toFixed(2).padStart(7)} ms  (${(TOTAL / 1048576 / (filterMs / 1000)).toFixed(0).padStart(6)} MiB/s)   parse ${parseMs.toFixed(0).padStart(6)} ms   filter/parse ${((100 * filterMs) / parseMs).toFixed(2)}%`);
}
