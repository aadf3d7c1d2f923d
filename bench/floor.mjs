#!/usr/bin/env node
// The latency floor under tmx's echo path: how long one wake-up round trip takes from Node
// against a plain C-backed loop (Python's select), with nothing of tmx in it. An echo in tmx
// is two such wake-ups (the key from the outer terminal, the echo from the pane's pty), so
// this is the part of the echo latency no change inside tmx can remove.
//
//   node bench/floor.mjs [--probes N]
//
// Each probe writes one byte to `cat` and waits for it to come back, 20-40 ms apart (like the
// bench's echo probes, so every probe starts from an idle process), through a pipe and through
// a pty (`stty -echo -icanon; cat`, node-pty on the Node side, pty.fork on the Python side).
import { spawn, spawnSync } from 'node:child_process';
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { median, percentile, fmt } from './lib/stats.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const probes = argv[0] === '--probes' ? Number(argv[1]) : 200;
if (!Number.isInteger(probes) || probes < 10) throw new Error('usage: node bench/floor.mjs [--probes N>=10]');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Round trips through `write` and a data listener, spaced like the bench's echo probes. */
async function roundTrips(fd, onData) {
  const samples = [];
  let t0 = 0;
  let waiting;
  onData(() => {
    if (!waiting) return;
    const done = waiting;
    waiting = undefined;
    done(performance.now() - t0);
  });
  await sleep(300);
  for (let i = 0; i < probes; i++) {
    const sample = new Promise((resolve) => (waiting = resolve));
    t0 = performance.now();
    writeSync(fd, 'x');
    samples.push(await sample);
    await sleep(20 + Math.random() * 20);
  }
  return samples;
}

async function nodePipe() {
  const cat = spawn('cat', [], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    return await roundTrips(cat.stdin._handle.fd, (l) => cat.stdout.on('data', l));
  } finally {
    cat.kill();
  }
}

async function nodePty() {
  const pty = createRequire(join(REPO, 'package.json'))('node-pty');
  const p = pty.spawn('/bin/sh', ['-c', 'stty -echo -icanon; exec cat'], { cols: 80, rows: 24, encoding: null });
  try {
    return await roundTrips(p._fd, (l) => p.onData(l));
  } finally {
    p.kill();
  }
}

const PYTHON = `
import os, pty, random, select, subprocess, sys, time
probes = int(sys.argv[1])
def trips(wfd, rfd):
    out = []
    for _ in range(probes):
        t0 = time.perf_counter()
        os.write(wfd, b'x')
        select.select([rfd], [], [])
        out.append((time.perf_counter() - t0) * 1000)
        os.read(rfd, 100)
        time.sleep(0.02 + random.random() * 0.02)
    return out
p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
time.sleep(0.3)
print('pipe', *trips(p.stdin.fileno(), p.stdout.fileno()))
p.kill()
pid, fd = pty.fork()
if pid == 0:
    os.execv('/bin/sh', ['sh', '-c', 'stty -echo -icanon; exec cat'])
time.sleep(0.3)
while select.select([fd], [], [], 0)[0]:
    os.read(fd, 1000)
print('pty', *trips(fd, fd))
os.kill(pid, 9)
`;

function python() {
  const run = spawnSync('python3', ['-c', PYTHON, String(probes)], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) return undefined;
  const rows = Object.fromEntries(run.stdout.trim().split('\n').map((l) => {
    const [name, ...values] = l.split(' ');
    return [name, values.map(Number)];
  }));
  return rows;
}

const row = (name, s) => `${name.padEnd(34)}${fmt(median(s)).padStart(8)}${fmt(percentile(s, 90)).padStart(8)}`;
const lines = [`${'round trip to cat, 1 byte (ms)'.padEnd(34)}${'p50'.padStart(8)}${'p90'.padStart(8)}`];
lines.push(row('Node, pipe (child_process)', await nodePipe()));
lines.push(row('Node, pty (node-pty)', await nodePty()));
const py = python();
if (py) {
  lines.push(row('Python select, pipe', py.pipe));
  lines.push(row('Python select, pty', py.pty));
} else lines.push('(python3 not found: no C-loop baseline)');
console.log(lines.join('\n'));
process.exit(0);
