#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (node --cpu-prof): top self-time functions, time by area
// (xterm parse, tmx render, node-pty, stdout writes, GC, idle) and inclusive time of the
// functions that matter for tmx. Usage: node bench/lib/cpuprofile.mjs FILE.cpuprofile [TOP]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Functions whose inclusive time (self + callees) is worth a line of its own. */
const INCLUSIVE = [
  'render', 'composeFrame', 'patchFrame', 'copyViewport', 'copyRows', 'copyCell', 'serializeFrame', 'styleTo',
  'handleOutput', '_innerWrite', 'parse', 'print', 'writeSync', 'handleInput',
];

function areaOf(url, name) {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return 'idle';
  if (name === '(program)') return 'program (native, unattributed)';
  if (url.includes('@xterm/headless')) return 'xterm (parse, buffer)';
  if (url.includes('node-pty')) return 'node-pty';
  if (url.includes('blessed')) return 'blessed';
  if (url.includes('/dist/')) return `tmx ${url.slice(url.indexOf('/dist/') + 6)}`;
  if (/node:(net|tty|stream|internal\/stream|internal\/net|internal\/tty)/.test(url)) return 'node streams/net (stdout, pty fd)';
  if (url.startsWith('node:')) return 'node other';
  return url ? basename(url) : '';
}

export function summarize(profile, top = 25) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const { samples, timeDeltas } = profile;
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const dt = Math.max(0, timeDeltas[i] ?? 0);
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
    total += dt;
  }
  // A native frame (no url) counts toward the area of its nearest JS caller.
  const areaCache = new Map();
  const area = (id) => {
    if (areaCache.has(id)) return areaCache.get(id);
    const n = nodes.get(id);
    let a = areaOf(n.callFrame.url, n.callFrame.functionName);
    if (!a) {
      const p = parent.get(id);
      a = p === undefined ? 'native' : `${area(p).replace(/ \(native\)$/, '')} (native)`;
      if (a.startsWith('(root)')) a = 'native';
    }
    areaCache.set(id, a);
    return a;
  };
  const byFunction = new Map();
  const byArea = new Map();
  for (const [id, t] of self) {
    const n = nodes.get(id);
    const cf = n.callFrame;
    const where = cf.url ? `${basename(cf.url)}:${cf.lineNumber + 1}` : '';
    const key = `${cf.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    const a = area(id);
    const entry = byFunction.get(key) ?? { t: 0, area: a };
    entry.t += t;
    byFunction.set(key, entry);
    byArea.set(a, (byArea.get(a) ?? 0) + t);
  }
  // Inclusive: each sample counts once per named function on its stack.
  const inclusive = new Map(INCLUSIVE.map((f) => [f, 0]));
  for (const [id, t] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const name = nodes.get(cur).callFrame.functionName;
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, inclusive.get(name) + t);
      }
    }
  }
  const ms = (us) => us / 1000;
  const busy = total - (byArea.get('idle') ?? 0);
  const pct = (us) => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
  const lines = [];
  lines.push(`total ${ms(total).toFixed(0)} ms sampled, busy (non-idle) ${ms(busy).toFixed(0)} ms`);
  lines.push('', 'self time by area:');
  for (const [a, t] of [...byArea].sort((x, y) => y[1] - x[1]).slice(0, 16)) lines.push(`  ${pct(t)} ${ms(t).toFixed(0).padStart(7)} ms  ${a}`);
  lines.push('', `top ${top} functions by self time:`);
  for (const [k, v] of [...byFunction].sort((x, y) => y[1].t - x[1].t).slice(0, top)) {
    lines.push(`  ${pct(v.t)} ${ms(v.t).toFixed(0).padStart(7)} ms  ${k}  [${v.area}]`);
  }
  lines.push('', 'inclusive time (self + callees):');
  for (const [f, t] of inclusive) if (t > 0) lines.push(`  ${pct(t)} ${ms(t).toFixed(0).padStart(7)} ms  ${f}`);
  return { text: lines.join('\n'), totalMs: ms(total), busyMs: ms(busy), byArea: Object.fromEntries([...byArea].map(([k, v]) => [k, ms(v)])), inclusiveMs: Object.fromEntries([...inclusive].map(([k, v]) => [k, ms(v)])) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node bench/lib/cpuprofile.mjs FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  console.log(summarize(JSON.parse(readFileSync(file, 'utf8')), Number(process.argv[3] ?? 25)).text);
}
