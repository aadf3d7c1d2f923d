// What triggers cost tmx (tmux has none): the same flood of 20,000 lines with 0, 100 and 1,000
// triggers in the rc file, and key echo while a pane floods with 1,000. The triggers are issue
// 17's: `notify` on x0, x1, ... (only x7 ever matches, on "0x7f3a"; it is rate-limited).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './session.mjs';

/** Lines in one flood: issue 17's 1.3 MB of 20,000 lines (a.txt's lines average ~65 bytes). */
export const FLOOD_LINES = 20_000;
export const TRIGGER_COUNTS = [0, 100, 1000];
/** The trigger count of the echo case (issue 17's target: keys echo within 50 ms). */
export const ECHO_TRIGGERS = 1000;
const FLOOD_TIMEOUT_MS = 180_000;
/** Shown once the rc file's triggers are live: proves a session measures what it says. */
const READY_MESSAGE = 'bench triggers are on';

/** The rc file (JSON) with `count` triggers, plus one that proves they are loaded; undefined for none. */
export function triggerRc(count) {
  if (count === 0) return undefined;
  const triggers = [{ name: 'ready', regex: 'TRIGGERS-(ON)', action: 'notify', message: READY_MESSAGE }];
  for (let i = 0; i < count; i++) triggers.push({ regex: `x${i}`, action: 'notify', message: `x${i}` });
  return `${JSON.stringify({ triggers })}\n`;
}

/** Waits until the session's triggers fire (a typed line matches the readiness trigger). */
export async function triggersLive(session) {
  await session.type('echo TRIGGERS-ON');
  await session.keys('Enter');
  await session.waitScreen((s) => s.includes(READY_MESSAGE), 15_000, 'the readiness trigger to fire', 10);
}

/**
 * Before each measured flood, for the messages (if any) to go (display-time is 2 s). The same
 * for every count, with triggers or not: a flood after an idle pause costs tmx more than one
 * right after another (no triggers, 12 floods each: 128 against 97 ms, CPU 90 against 70 ms;
 * bench/README.md, Triggers), which had been charged to the triggers.
 */
const FLOOD_PAUSE_MS = 2200;

/** What tmx's status line says, for display-time (2 s), when lines went by unmatched. */
const FELL_BEHIND = 'Triggers fell behind';

/** The rc file of a count in the paired case: the triggers, or an empty list (no PaneTriggers at all). */
function pairedRc(count) {
  return triggerRc(count) ?? '{"triggers": []}\n';
}

/** What the status line says once `tmx reload-config` has taken the new rc file in. */
const LOADED = 'Loaded ';

/**
 * Switches the session's server to `count` triggers: the rc file rewritten, `tmx reload-config`
 * from outside, then waits until the status line says it was loaded and (with triggers) until
 * the readiness trigger fires. The messages are gone before the flood (FLOOD_PAUSE_MS).
 */
async function switchTo(session, count) {
  writeFileSync(join(session.home, '.tmxrc.json'), pairedRc(count), { mode: 0o600 });
  session.tmxOutside('reload-config');
  await session.waitScreen((s) => s.includes(LOADED), 15_000, 'the rc file to load', 10);
  if (count > 0) await triggersLive(session);
  await sleep(FLOOD_PAUSE_MS);
}

/**
 * What triggers cost, paired: one tmx server, its rc file switched between TRIGGER_COUNTS
 * before every flood of `head -n 20000 a.txt` (Enter to the marker on screen). First one
 * warm-up flood per count, then `floods` rounds, each count once a round, the order rotated
 * round by round. Returns, per count, the floods' times, tmx's CPU, and `floodsWithLoss`: the
 * floods after which the status line said some lines went unmatched (lines the triggers have
 * no time for wait and are matched later).
 *
 * Why one server: separate servers with the same rc file differ by more than the 10% the case
 * asks about (V8 compiles xterm's parser differently from one process to the next: in `perf`,
 * two servers with no triggers spent 181 and 247 samples in xterm's `print` on the same
 * floods; bench/README.md, Triggers, sixth pass). Within one server, both sides of a ratio
 * run the same compiled code.
 */
export async function pairedTriggerFloods(session, floods) {
  const command = `head -n ${FLOOD_LINES} a.txt`;
  const results = new Map(TRIGGER_COUNTS.map((count) => [count, { ms: [], cpuMs: [], floodsWithLoss: 0 }]));
  for (let round = -1; round < floods; round++) {
    const shift = Math.max(0, round);
    const order = TRIGGER_COUNTS.map((_, i) => TRIGGER_COUNTS[(i + shift) % TRIGGER_COUNTS.length]);
    for (const count of order) {
      await switchTo(session, count);
      // tmx's CPU time as well as the wall-clock time: on a shared machine it moves far less.
      const before = session.resources().muxCpuSec;
      const { ms } = await session.timedCommand(command, FLOOD_TIMEOUT_MS);
      const cpuMs = (session.resources().muxCpuSec - before) * 1000;
      if (round < 0) continue; // the warm-up flood of this count
      const r = results.get(count);
      r.ms.push(ms);
      r.cpuMs.push(cpuMs);
      if ((await session.screen()).includes(FELL_BEHIND)) r.floodsWithLoss++;
    }
  }
  return results;
}
