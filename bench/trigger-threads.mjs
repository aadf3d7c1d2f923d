#!/usr/bin/env node
// Where a trigger flood's CPU goes in the tmx server, per thread: the bench's trigger case
// (bench/lib/trigger-cases.mjs: `head -n 20000 a.txt`, 0 or N `notify` triggers on x0, x1, ...)
// with the server's main thread apart from V8's worker threads (the optimizing compiler, GC),
// read from /proc/PID/task/*/schedstat (nanoseconds) around each flood. The bench's own CPU
// figure is in 10 ms ticks and lumps the threads together, too coarse for a 10% question.
//
//   node bench/trigger-threads.mjs                        # 2 sessions per count, 10 floods each
//   node bench/trigger-threads.mjs --counts 0,100 --sessions 3 --floods 6 --tmx OTHER/bin/tmx.js
//   node bench/trigger-threads.mjs --cpu-prof /tmp/trig-prof    # then node bench/lib/cpuprofile.mjs FILE
//
// Sessions alternate between the counts. Prints, per count, the median per flood index (wall,
// main thread, workers) and the median over floods 2-4 (the ones `npm run bench` measures).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureData } from './lib/data.mjs';
import { Session, cleanupAll, sleep } from './lib/session.mjs';
import { median, fmt } from './lib/stats.mjs';
import * as triggerCases from './lib/trigger-cases.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
/**
 * Counts of triggers; `100+100` means 100 triggers on x100, x101, ... (none ever fires);
 * `empty` an rc file with no triggers (`0`: no rc file at all); `ready` only the readiness trigger.
 */
const variants = option('counts', '0,100').split(',');
const counts = variants;
const sessions = Number(option('sessions', '2'));
const floods = Number(option('floods', '10'));
const tmxBin = option('tmx', undefined);
/**
 * With --switch, one session per --sessions, its rc file switched between the counts before
 * every flood (rewritten, then `tmx reload-config` from outside): each count's floods come from
 * the same server, so the spread between servers cancels out.
 */
const switching = args.includes('--switch');
/**
 * With --perf DIR, `perf record` samples the server's main thread on CPU time (cpu-clock, so
 * time preempted counts for nothing, unlike --cpu-prof) over floods 2-4, into
 * DIR/COUNT-SESSION.data; the server runs with --perf-basic-prof so JavaScript frames have names.
 * Then: perf report -i FILE --sort sym --no-children
 */
const perfDir = option('perf', undefined);
/** The floods --perf records, first and last (from 1): 2-4 unless --perf-floods says otherwise. */
const [perfFrom, perfTo] = option('perf-floods', '2-4').split('-').map((n) => Number(n) - 1);
/** With --perf-all, `perf record` samples every thread of the server (V8's workers too), not the main thread alone. */
const perfAll = args.includes('--perf-all');
/** With --gc, the server runs with --trace-gc and each session prints its collections during floods 2-4. */
const traceGc = args.includes('--gc');
/** With --deopt, the server runs with --trace-deopt and each flood prints the functions V8 threw away. */
const traceDeopt = args.includes('--deopt');
/** With --opt, the server runs with --trace-opt and each flood prints what V8 compiled, and how long it took. */
const traceOpt = args.includes('--opt');
/** With --cpu-prof DIR, each session's server is profiled into DIR/COUNT-SESSION/ (the larger file). */
const profileDir = option('cpu-prof', undefined);

/** Read and write system calls so far (/proc/PID/io): how finely the flood was read and drawn. */
function syscalls(pid) {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  return { reads: Number(/syscr: (\d+)/.exec(io)[1]), writes: Number(/syscw: (\d+)/.exec(io)[1]) };
}

/** Nanoseconds on the CPU so far: the main thread (its tid is the pid) and all the others. */
function threadNs(pid) {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let ns;
    try {
      ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      continue; // the thread ended meanwhile
    }
    if (Number(tid) === pid) main += ns;
    else others += ns;
  }
  return { main, others };
}

const data = ensureData();
const results = new Map(counts.map((c) => [c, []]));
const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
const command = `head -n ${triggerCases.FLOOD_LINES} a.txt`;

/** One flood, measured: wall ms, and the server's main thread and other threads, ms of CPU. */
async function flood(session) {
  const before = threadNs(session.pid);
  const callsBefore = syscalls(session.pid);
  const from = process.hrtime.bigint() / 1000n;
  const { ms } = await session.timedCommand(command, 180_000);
  const to = process.hrtime.bigint() / 1000n;
  const after = threadNs(session.pid);
  const callsAfter = syscalls(session.pid);
  // The flood's span on the monotonic clock (µs), the clock of a .cpuprofile's timestamps.
  (session.floodWindows ??= []).push([Number(from), Number(to)]);
  await sleep(2200); // as the bench's case (FLOOD_PAUSE_MS)
  return {
    ms, main: (after.main - before.main) / 1e6, workers: (after.others - before.others) / 1e6,
    reads: callsAfter.reads - callsBefore.reads, writes: callsAfter.writes - callsBefore.writes,
  };
}

/** The rc file for a variant (`N` or `N+FIRST`); with none, an rc file with an empty list. */
function rcText(variant) {
  if (variant === 'empty') return '{"triggers": []}\n';
  if (variant === 'ready') return triggerCases.triggerRc(1).replace(/,\{"regex":"x0"[^}]*\}/, '');
  const [count, first] = variant.split('+').map(Number);
  if (!first) return triggerCases.triggerRc(count) ?? '{"triggers": []}\n';
  const rc = JSON.parse(triggerCases.triggerRc(count));
  rc.triggers = rc.triggers.map((t) => (t.name === 'ready' ? t : { ...t, regex: `x${Number(t.regex.slice(1)) + first}`, message: `x${Number(t.regex.slice(1)) + first}` }));
  return `${JSON.stringify(rc)}\n`;
}

async function switchedSession(s) {
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/switch-${s + 1}`] : [];
  const session = new Session('tmx', { data, tmxBin, nodeArgs, homeFiles: { '.tmxrc.json': rcText(counts[0]) } });
  try {
    await session.start();
    await session.timedCommand(command, 180_000); // warm-up
    const rows = new Map(counts.map((c) => [c, []]));
    for (let f = 0; f < floods; f++) {
      for (const count of counts) {
        writeFileSync(join(session.home, '.tmxrc.json'), rcText(count), { mode: 0o600 });
        execFileSync('node', [session.tmxBin(), '-L', 'bench', 'reload-config'], { env: session.tmxEnv, timeout: 10_000 });
        await sleep(300);
        rows.get(count).push(await flood(session));
      }
    }
    for (const [count, row] of rows) {
      results.get(count).push(row);
      log(`${count} triggers, switched session ${s + 1}: ` + row.map((r) => `${fmt(r.ms)}/${fmt(r.main)}/${fmt(r.workers)}`).join(' '));
    }
    await session.stop();
  } finally {
    session.forceCleanup();
  }
}

try {
  if (switching) for (let s = 0; s < sessions; s++) await switchedSession(s);
  else
  for (let s = 0; s < sessions; s++) {
    for (const count of counts) {
      const rc = count === '0' ? undefined : rcText(count);
      const nodeArgs = traceOpt ? ['--trace-opt'] : traceDeopt ? ['--trace-deopt'] : traceGc ? ['--trace-gc'] : perfDir ? ['--perf-basic-prof'] : profileDir ? ['--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${profileDir}/${count}-${s + 1}`] : [];
      const session = new Session('tmx', { data, tmxBin, nodeArgs, ...(rc ? { homeFiles: { '.tmxrc.json': rc } } : {}) });
      try {
        await session.start();
        if (rc && count !== 'empty') await triggerCases.triggersLive(session);
        const row = [];
        let recorder;
        const gcLog = () => {
          const dir = join(session.home, 'tmx-sockets');
          const files = [];
          const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.log') && files.push(join(d, e.name)); };
          walk(dir);
          return files.map((f) => readFileSync(f, 'utf8')).join('');
        };
        let gcBefore = '';
        for (let f = 0; f < floods; f++) {
          if (traceGc || traceDeopt || traceOpt) gcBefore = gcLog();
          if (perfDir && f === perfFrom) {
            mkdirSync(perfDir, { recursive: true });
            recorder = spawn('perf', ['record', '-q', '-e', 'cpu-clock', '-F', '4000', perfAll ? '-p' : '-t', String(session.pid), '-o', join(perfDir, `${count}-${s + 1}.data`)], { stdio: 'ignore' });
            await sleep(300);
          }
          row.push(await flood(session));
          if (traceOpt) {
            const done = gcLog().slice(gcBefore.length).split('\n').map((l) => /completed (?:optimizing|compiling) 0x[0-9a-f]+ <JSFunction ([^ >]*).*took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(l)).filter(Boolean);
            const total = done.reduce((a, d) => a + Number(d[2]) + Number(d[3]) + Number(d[4]), 0);
            log(`  flood ${f + 1}: ${done.length} compiled, ${fmt(total)} ms: ${done.map((d) => `${d[1]} ${fmt(Number(d[2]) + Number(d[3]) + Number(d[4]))}`).join(', ')}`);
          }
          if (traceDeopt) {
            const deopts = gcLog().slice(gcBefore.length).split('\n').map((l) => /bailout \(kind: ([^,]+), reason: ([^)]*)\).*<JSFunction ([^ >]*)/.exec(l)).filter(Boolean);
            log(`  flood ${f + 1}: ${deopts.map((d) => `${d[3]}(${d[2]})`).join(', ')}`);
          }
          if (traceGc) {
            const lines = gcLog().slice(gcBefore.length).split('\n').filter((l) => /Mark-Compact|Scavenge|Mark-Sweep/.test(l));
            const ms = (kind) => lines.filter((l) => l.includes(kind)).reduce((a, l) => a + Number(/MB, ([\d.]+) \//.exec(l)?.[1] ?? 0), 0);
            log(`  flood ${f + 1}: ${lines.filter((l) => l.includes('Scavenge')).length} scavenges ${fmt(ms('Scavenge'))} ms, ${lines.filter((l) => /Mark-(Compact|Sweep)/.test(l)).length} mark-compacts ${fmt(ms('Mark-'))} ms`);
          }
          if (recorder && f === perfTo) {
            recorder.kill('SIGINT');
            await new Promise((done) => recorder.once('exit', done));
            recorder = undefined;
          }
        }
        results.get(count).push(row);
        if (profileDir) {
          mkdirSync(join(profileDir, `${count}-${s + 1}`), { recursive: true });
          writeFileSync(join(profileDir, `${count}-${s + 1}`, 'floods.json'), JSON.stringify(session.floodWindows));
        }
        log(`${count} triggers, session ${s + 1}: ` + row.map((r) => `${fmt(r.ms)}/${fmt(r.main)}/${fmt(r.workers)}`).join(' '));
        await session.stop();
      } finally {
        session.forceCleanup();
      }
    }
  }
} finally {
  cleanupAll();
}

console.log('per flood (wall / main thread / workers, ms), medians over sessions');
for (const [count, rows] of results) {
  const cells = [];
  for (let f = 0; f < floods; f++) {
    const at = rows.map((r) => r[f]);
    cells.push(`${fmt(median(at.map((r) => r.ms)))}/${fmt(median(at.map((r) => r.main)))}/${fmt(median(at.map((r) => r.workers)))}`);
  }
  const measured = switching ? rows.flat() : rows.flatMap((r) => r.slice(1, 4));
  console.log(`${String(count).padStart(5)} triggers: ${cells.join(' ')}`);
  console.log(
    `      floods 2-4: wall ${fmt(median(measured.map((r) => r.ms)))} ms, main ${fmt(median(measured.map((r) => r.main)))} ms, ` +
      `workers ${fmt(median(measured.map((r) => r.workers)))} ms, ` +
      `${median(measured.map((r) => r.reads))} reads, ${median(measured.map((r) => r.writes))} writes`,
  );
}
