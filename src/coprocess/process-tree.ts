// Ending a coprocess and everything it started. A pane's processes are ended by session (as a
// closing terminal would: a program that setsid's itself away from a pane is meant to outlive
// it); a coprocess is tmx's own helper, so what it started goes with it, in whatever session:
// every process whose parent chain leads to it (Linux /proc). What has already left that chain
// (a double fork whose middle process ended) was adopted by the spawn server, which ends it
// when tmx ends (spawn-server.ts).
import {
  groupAlive, listProcesses, readStat, sessionProcessGroups, signalGroups, waitUntil,
} from '../panes/process-group.js';

/** Every process whose parent chain leads to one of `roots` (the roots not included). */
export function descendantsOf(roots: Iterable<number>): Set<number> {
  const children = new Map<number, number[]>();
  for (const pid of listProcesses() ?? []) {
    const stat = readStat(pid);
    if (!stat) continue;
    const siblings = children.get(stat.ppid);
    if (siblings) siblings.push(pid);
    else children.set(stat.ppid, [pid]);
  }
  const found = new Set<number>();
  const queue = [...roots];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (found.has(child)) continue;
      found.add(child);
      queue.push(child);
    }
  }
  return found;
}

function processAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

function signalProcesses(pids: Iterable<number>, signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** What is known of one coprocess's processes; scans add to it and never forget. */
class ProcessTree {
  private readonly groups = new Set<number>();
  private readonly pids = new Set<number>();

  constructor(private readonly leader: number) {}

  /**
   * Adds the session's groups and every descendant of the leader and of any process seen
   * before: a process whose parent was ended has a new parent, but it was seen first.
   */
  scan(): void {
    for (const group of sessionProcessGroups(this.leader)) this.groups.add(group);
    for (const pid of descendantsOf([this.leader, ...this.pids])) this.pids.add(pid);
  }

  alive(): { groups: number[]; pids: number[] } {
    return { groups: [...this.groups].filter(groupAlive), pids: [...this.pids].filter(processAlive) };
  }
}

/**
 * TERM, then KILL after `graceMs` (or the given signals), to a coprocess's session and to
 * every process it started in other sessions. Resolves when none is left (or after the last
 * signal). Safe to call for a coprocess that has ended.
 */
export async function endProcessTree(
  leader: number,
  graceMs: number,
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGKILL'],
): Promise<void> {
  const tree = new ProcessTree(leader);
  for (const [index, signal] of signals.entries()) {
    // Scanned before each signal: whatever was forked while the last one was handled.
    tree.scan();
    const alive = tree.alive();
    if (isEmpty(alive)) return;
    signalGroups(alive.groups, signal);
    signalProcesses(alive.pids, signal);
    if (index < signals.length - 1) await waitUntil(() => isEmpty(tree.alive()), graceMs);
  }
}

/** Synchronous last resort (process exit paths, where no timer will run again): KILL now. */
export function killProcessTreeNow(leader: number): void {
  const tree = new ProcessTree(leader);
  tree.scan();
  const alive = tree.alive();
  signalGroups(alive.groups, 'SIGKILL');
  signalProcesses(alive.pids, 'SIGKILL');
}

function isEmpty(alive: { groups: number[]; pids: number[] }): boolean {
  return alive.groups.length === 0 && alive.pids.length === 0;
}
