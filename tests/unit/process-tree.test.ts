// Everything a coprocess starts ends with it, `setsid` ones included, with real processes: a
// stopped coprocess takes what it started in other sessions along (endProcessTree), and what
// already left its parent chain (a double fork) is adopted by the spawn server and ended
// when tmx goes (the server's stdin closes).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, endProcessTree, killProcessTreeNow } from '../../src/coprocess/process-tree.js';
import { SpawnServer } from '../../src/coprocess/spawn-server.js';
import type { ChildHandle } from '../../src/coprocess/spawner.js';

// The server is unref'd (it must never keep tmx alive); a pending timer keeps the test's loop up.
const keepAlive = setInterval(() => undefined, 1000);
const servers: SpawnServer[] = [];
afterAll(() => clearInterval(keepAlive));

/** A sleep with an argument no other process has, so pgrep finds exactly it. */
let serial = 0;
function marker(): string {
  return `1000.${process.pid}${serial++}`;
}

function pidsOf(sleepArgument: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `^sleep ${sleepArgument}$`], { encoding: 'utf8' }).trim().split('\n').map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

afterEach(() => {
  // Whatever a failed test left.
  for (const server of servers.splice(0)) server.close();
});

async function until(test: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!test() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return test();
}

async function start(script: string): Promise<{ server: SpawnServer; child: ChildHandle }> {
  const server = new SpawnServer();
  servers.push(server);
  const child = await server.spawner({ file: '/bin/sh', args: ['-c', script], cwd: '/tmp', env: { PATH: '/usr/bin:/bin' } });
  child.stdin.on('error', () => undefined);
  child.stdout.resume();
  child.stderr.resume();
  return { server, child };
}

const parentOf = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);

describe('a coprocess stopped (prefix X)', () => {
  it('takes along what it started in a session of its own (setsid)', async () => {
    const sleeper = marker();
    const { child } = await start(`setsid sleep ${sleeper} & cat`);
    expect(await until(() => pidsOf(sleeper).length === 1)).toBe(true);
    const [pid] = pidsOf(sleeper);
    expect(descendantsOf([child.pid!]).has(pid!)).toBe(true);
    await endProcessTree(child.pid!, 1000);
    expect(await until(() => pidsOf(sleeper).length === 0)).toBe(true);
  });

  it('KILLs what ignores TERM after the grace, and the synchronous path KILLs at once', async () => {
    const stubborn = marker();
    const first = await start(`setsid sh -c "trap '' TERM; exec sleep ${stubborn}" & cat`);
    expect(await until(() => pidsOf(stubborn).length === 1)).toBe(true);
    await endProcessTree(first.child.pid!, 200);
    expect(await until(() => pidsOf(stubborn).length === 0)).toBe(true);
    const second = marker();
    const next = await start(`setsid sleep ${second} & cat`);
    expect(await until(() => pidsOf(second).length === 1)).toBe(true);
    killProcessTreeNow(next.child.pid!);
    expect(await until(() => pidsOf(second).length === 0)).toBe(true);
  });
});

describe('when tmx goes (the spawn server sees its stdin close)', () => {
  it('a double-forked process, adopted by the server, ends with it', async () => {
    const orphan = marker();
    const { server } = await start(`(setsid sleep ${orphan} &); cat`);
    expect(await until(() => pidsOf(orphan).length === 1)).toBe(true);
    // Its parent ended: the server (a child subreaper, through python3) adopted it, not init.
    expect(await until(() => parentOf(pidsOf(orphan)[0]!) === server.serverPid)).toBe(true);
    server.close();
    expect(await until(() => pidsOf(orphan).length === 0)).toBe(true);
  });

  it('a coprocess tmx did not stop, and its setsid child, end too', async () => {
    const sleeper = marker();
    const { server, child } = await start(`setsid sleep ${sleeper} & exec sleep 1000`);
    expect(await until(() => pidsOf(sleeper).length === 1)).toBe(true);
    server.close();
    expect(await until(() => pidsOf(sleeper).length === 0)).toBe(true);
    expect(await until(() => !descendantsOf([process.pid]).has(child.pid!) && !existsProcess(child.pid!))).toBe(true);
  });
});

function existsProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
