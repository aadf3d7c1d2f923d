#!/usr/bin/env node
// What tmx's memory is made of (issue 17): each part measured in a fresh Node process, so
// one part's garbage or heap growth never counts for another. RSS after a full GC.
//   node bench/memory-parts.mjs [--panes 4] [--lines 12000] [--cols 59] [--rows 18] [--node-arg FLAG]...
//
// Parts: Node with nothing loaded; + the modules tmx loads (xterm, node-pty,
// cosmiconfig, tmx itself); + N emulators each fed LINES lines of the bench's colour file
// (scrollback 10,000, as tmx's default); the emulators' heap split into xterm's line arrays
// (ArrayBuffers) and the rest. --node-arg runs every part under a V8 flag.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureData } from './lib/data.mjs';
import { fmt } from './lib/stats.mjs';

const REPO = resolve(import.meta.dirname, '..');
const USAGE = 'usage: node bench/memory-parts.mjs [--panes N] [--lines N] [--cols N] [--rows N] [--node-arg FLAG]...';

function parseArgs(argv) {
  const o = { panes: 4, lines: 12000, cols: 59, rows: 18, nodeArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--node-arg') o.nodeArgs.push(argv[++i]);
    else if (['--panes', '--lines', '--cols', '--rows'].includes(a)) o[a.slice(2)] = Number(argv[++i]);
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return o;
}

// Runs in the child: loads what the part asks for, then prints its memory as JSON.
const CHILD = `
const part = process.argv[1];
const [panes, lines, cols, rows] = process.argv.slice(2, 6).map(Number);
const file = process.argv[6];
const repo = process.argv[7];
const { readFileSync, openSync, readSync, closeSync } = await import('node:fs');
const usage = () => { globalThis.gc(); globalThis.gc(); const m = process.memoryUsage(); return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers }; };
const out = {};
if (part !== 'node') {
  const { createRequire } = await import('node:module');
  const load = createRequire(repo + '/package.json');
  load('@xterm/headless'); load('@xterm/addon-unicode11'); load('node-pty');
  await import(repo + '/node_modules/cosmiconfig/dist/index.js');
  await import(repo + '/dist/app/app.js');
  await import(repo + '/dist/config/load.js');
}
// The first LINES lines of the file, as a pty would hand them over (CR LF), made once before
// the first measure: the garbage of making it would count as the emulators' otherwise.
const input = () => {
  const head = Buffer.alloc(lines * 200);
  const fd = openSync(file, 'r');
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const text = head.toString('latin1');
  let start = 0;
  const chunk = [];
  for (let n = 0; n < lines; n++) { const end = text.indexOf('\\n', start); chunk.push(text.slice(start, end)); start = end + 1; }
  return Buffer.from(chunk.join('\\r\\n') + '\\r\\n', 'latin1');
};
const data = part === 'emulators' ? input() : undefined;
out.before = usage();
if (part === 'emulators') {
  const { Emulator } = await import(repo + '/dist/emulator/emulator.js');
  const emulators = [];
  for (let p = 0; p < panes; p++) {
    const e = new Emulator({ cols, rows, scrollback: 10000 });
    // In pty-sized chunks, as tmx is fed.
    for (let at = 0; at < data.length; at += 4096) await new Promise((r) => e.write(data.subarray(at, at + 4096), r));
    emulators.push(e);
  }
  out.bufferLines = emulators.map((e) => e.bufferLength());
  // What the lines' cell arrays would hold if each kept only its cells up to the last one
  // with text or a background (xterm sizes every line to the pane's width): 12 bytes a cell.
  let cells = 0;
  let kept = 0;
  for (const e of emulators) {
    const lines = e.core.buffers.normal.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines.get(i);
      cells += line.length;
      kept += line.getNoBgTrimmedLength();
    }
  }
  out.cellBytes = cells * 12;
  out.keptCellBytes = kept * 12;
  globalThis.keep = emulators;
}
out.after = usage();
// Where RSS lives: V8's heap spaces (committed), and the process's mappings (anonymous = heap + malloc).
const v8 = await import('node:v8');
out.spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, { committed: s.physical_space_size, used: s.space_used_size }]));
// RSS by kind of mapping: file-backed (node's binary, libraries), the malloc heap, anonymous (V8's heap, malloc's big blocks).
const smaps = readFileSync('/proc/self/smaps', 'utf8').split('\\n');
out.mappings = {};
let kind = 'anon';
for (const line of smaps) {
  const head = /^[0-9a-f]+-[0-9a-f]+ \\S+ \\S+ \\S+ \\S+\\s*(.*)$/.exec(line);
  if (head) kind = head[1] === '' ? 'anonymous' : head[1].startsWith('/') ? 'files' : head[1];
  const rss = /^Rss:\\s+(\\d+) kB/.exec(line);
  if (rss) out.mappings[kind] = (out.mappings[kind] ?? 0) + Number(rss[1]) * 1024;
}
process.stdout.write(JSON.stringify(out));
`;

function measure(part, o, file) {
  const args = ['--expose-gc', ...o.nodeArgs, '--input-type=module', '-e', CHILD, part, o.panes, o.lines, o.cols, o.rows, file, REPO].map(String);
  return JSON.parse(execFileSync('node', args, { encoding: 'utf8', maxBuffer: 1 << 20 }));
}

const o = parseArgs(process.argv.slice(2));
const file = ensureData().files.colour.path;
const MB = 2 ** 20;
const node = measure('node', o, file);
const modules = measure('modules', o, file);
const emu = measure('emulators', o, file);
const lines = emu.bufferLines.reduce((a, b) => a + b, 0);
const rows = [
  ['Node, nothing loaded', node.after.rss, node.after.heapUsed, node.after.arrayBuffers],
  ['+ modules (xterm, node-pty, cosmiconfig, tmx)', modules.after.rss - node.after.rss, modules.after.heapUsed - node.after.heapUsed, modules.after.arrayBuffers - node.after.arrayBuffers],
  [`+ ${o.panes} emulators ${o.cols}x${o.rows}, ${lines} buffer lines`, emu.after.rss - emu.before.rss, emu.after.heapUsed - emu.before.heapUsed, emu.after.arrayBuffers - emu.before.arrayBuffers],
  ['  per buffer line (bytes)', (emu.after.rss - emu.before.rss) / lines * MB, (emu.after.heapUsed - emu.before.heapUsed) / lines * MB, (emu.after.arrayBuffers - emu.before.arrayBuffers) / lines * MB],
  ['  cells of the lines (12 bytes each, the width of the pane)', undefined, undefined, emu.cellBytes],
  ['  of those, up to the last with text or background', undefined, undefined, emu.keptCellBytes],
  ['total', emu.after.rss, emu.after.heapUsed, emu.after.arrayBuffers],
];
const spaces = Object.entries(emu.spaces).filter(([, v]) => v.committed > 256 * 1024)
  .map(([k, v]) => `${k} ${fmt(v.committed / MB)} (${fmt(v.used / MB)} used)`).join(', ');
console.log(`RSS by mapping with emulators, MiB: ${Object.entries(emu.mappings).map(([k, v]) => `${k} ${fmt(v / MB)}`).join(', ')}`);
console.log(`V8 heap spaces with emulators, committed MiB: ${spaces}`);
console.log(`memory by part (MiB, after a full GC; flags: ${o.nodeArgs.join(' ') || 'none'})`);
console.log(`${'part'.padEnd(58)} ${'RSS'.padStart(8)} ${'JS heap'.padStart(8)} ${'ArrayBuf'.padStart(8)}`);
for (const [name, ...v] of rows) console.log(`${name.padEnd(58)} ${v.map((x) => fmt(name.startsWith('  per') ? x / MB : x / MB).padStart(8)).join(' ')}`);
