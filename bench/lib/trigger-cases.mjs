// What triggers cost tmx (tmux has none): the same flood of 20,000 lines with 0, 100 and 1,000
// triggers in the rc file, and key echo while a pane floods with 1,000. The triggers are issue
// 17's: `notify` on x0, x1, ... (only x7 ever matches, on "0x7f3a"; it is rate-limited).
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
 * Between measured floods, for the message (if any) to go (display-time is 2 s). The same in
 * every session, with triggers or not: a flood after an idle pause costs tmx more than one
 * right after another (no triggers, 12 floods each: 128 against 97 ms, CPU 90 against 70 ms;
 * bench/README.md, Triggers), which had been charged to the triggers.
 */
const FLOOD_PAUSE_MS = 2200;

/** What tmx's status line says, for display-time (2 s), when lines went by unmatched. */
const FELL_BEHIND = 'Triggers fell behind';

/**
 * `head -n 20000 a.txt`, once to warm up, then `floods` times measured (Enter to the marker on
 * screen). Lines the triggers have no time for wait and are matched later; `floodsWithLoss`
 * counts the measured floods after which tmx's status line said some went unmatched.
 */
export async function triggerFlood(session, count, floods) {
  if (count > 0) await triggersLive(session);
  const command = `head -n ${FLOOD_LINES} a.txt`;
  await session.timedCommand(command, FLOOD_TIMEOUT_MS);
  const ms = [];
  const cpuMs = [];
  let floodsWithLoss = 0;
  for (let i = 0; i < floods; i++) {
    // tmx's CPU time as well as the wall-clock time: on a shared machine it moves far less.
    const before = session.resources().muxCpuSec;
    ms.push((await session.timedCommand(command, FLOOD_TIMEOUT_MS)).ms);
    cpuMs.push((session.resources().muxCpuSec - before) * 1000);
    if ((await session.screen()).includes(FELL_BEHIND)) floodsWithLoss++;
    await sleep(FLOOD_PAUSE_MS);
  }
  return { ms, cpuMs, floodsWithLoss };
}
