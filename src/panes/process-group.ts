// Ending a pane's processes the way a closing terminal would, but without trusting every
// program to honour it: HUP, then TERM, then KILL, to the pane's whole session.
import { readFileSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]));

/** The name of signal `number` (15: SIGTERM), or undefined for a number no signal has. */
export function signalName(number: number): NodeJS.Signals | undefined {
  return SIGNAL_NAMES.get(number);
}

/** How long a program gets to exit after each polite signal before the next, firmer one. */
export const SIGNAL_GRACE_MS = 1000;

/**
 * Every process whose session id is `sessionId` (a pty's child is a session leader, so
 * this is everything started in the pane, including jobs in other process groups).
 * Linux /proc; elsewhere only the leader's group is known.
 */
export function sessionProcessGroups(sessionId: number): number[] {
  const groups = new Set<number>([sessionId]);
  for (const pid of listProcesses() ?? []) {
    const stat = readStat(pid);
    if (stat && stat.sid === sessionId) groups.add(stat.pgrp);
  }
  return [...groups];
}

/** Every process id in /proc, or undefined where there is no /proc (not Linux). */
export function listProcesses(): number[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  return entries.filter((entry) => /^\d+$/.test(entry)).map(Number);
}

/** One /proc/PID/stat: state (Z: a zombie, already ended), parent, group, session, terminal's group. */
export function readStat(
  pid: number,
): { state: string; ppid: number; pgrp: number; sid: number; tpgid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      state: fields[0]!,
      ppid: Number(fields[1]),
      pgrp: Number(fields[2]),
      sid: Number(fields[3]),
      tpgid: Number(fields[5]),
    };
  } catch {
    return undefined;
  }
}

export function signalGroups(groups: number[], signal: NodeJS.Signals): void {
  for (const group of groups) {
    try {
      process.kill(-group, signal);
    } catch {
      // Already gone: that is the goal.
    }
  }
}

export function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * HUP, TERM, KILL (or the given signals) with a grace period between each, to every process
 * group of the session. Resolves when none is left (or after KILL). Safe to call for a
 * session that has ended.
 */
export async function endSession(
  sessionId: number,
  graceMs = SIGNAL_GRACE_MS,
  signals: readonly NodeJS.Signals[] = ['SIGHUP', 'SIGTERM', 'SIGKILL'],
): Promise<void> {
  const known = new Set(sessionProcessGroups(sessionId));
  for (const signal of signals) {
    // Re-scan each round: a program may have forked new groups while handling the last signal.
    for (const g of sessionProcessGroups(sessionId)) known.add(g);
    const alive = [...known].filter(groupAlive);
    if (alive.length === 0) return;
    signalGroups(alive, signal);
    if (signal !== 'SIGKILL') await waitUntil(() => ![...known].some(groupAlive), graceMs);
  }
}

/** Synchronous last resort for process exit paths where no timer will ever run again. */
export function killSessionNow(sessionId: number): void {
  signalGroups(sessionProcessGroups(sessionId), 'SIGKILL');
}

/** Polls `done` until it holds or `timeoutMs` has passed. */
export async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const POLL_MS = 20; // fine enough that a quick exit doesn't wait the whole grace period
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, POLL_MS));
}
