// The coprocess spawn server with real processes: what a coprocess gets (stdio, environment,
// directory, descriptors, signals) and what tmx learns (pid, exit status), and that tmx
// itself is not the process that forks it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpawnServer, decodeStatus, serverLaunch, startScript } from '../../src/coprocess/spawn-server.js';
import type { ChildHandle } from '../../src/coprocess/spawner.js';

const server = new SpawnServer();
// The server is unref'd (it must never keep tmx alive); a pending timer keeps the test's loop up.
const keepAlive = setInterval(() => undefined, 1000);
afterAll(() => {
  server.close();
  clearInterval(keepAlive);
});

interface Ran {
  child: ChildHandle;
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

async function run(
  script: string,
  input: string | Buffer = '',
  extra: { cwd?: string; env?: Record<string, string>; via?: SpawnServer } = {},
): Promise<Ran> {
  const child = await (extra.via ?? server).spawner({
    file: '/bin/sh',
    args: ['-c', script],
    cwd: extra.cwd ?? '/tmp',
    env: extra.env ?? { PATH: '/usr/bin:/bin' },
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  const ended = Promise.all([
    new Promise((resolve) => child.stdout.on('end', resolve)),
    new Promise((resolve) => child.stderr.on('end', resolve)),
  ]);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.onExit((code, signal) => resolve({ code, signal })),
  );
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  const status = await exit;
  await ended;
  return { child, stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString(), ...status };
}

describe('spawn server', () => {
  it('carries stdin to stdout byte for byte and reports the exit code', async () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256));
    const ran = await run('cat; exit 3', bytes);
    expect(Buffer.from(ran.stdout, 'latin1').equals(bytes)).toBe(true);
    expect(ran.code).toBe(3);
    expect(ran.signal).toBeNull();
  });

  it('reports a signal as the signal', async () => {
    const ran = await run('kill -TERM $$');
    expect(ran).toMatchObject({ code: null, signal: 'SIGTERM' });
  });

  it('is not forked by the calling process, and runs in a session of its own', async () => {
    const ran = await run('cat /proc/$$/stat');
    const fields = ran.stdout.slice(ran.stdout.lastIndexOf(')') + 2).split(' ');
    const [ppid, , sid] = [Number(fields[1]), Number(fields[2]), Number(fields[3])];
    expect(ppid).not.toBe(process.pid);
    expect(sid).toBe(ran.child.pid);
  });

  it('gives exactly the environment and directory asked for, only descriptors 0-2, default signals', async () => {
    const env = { PATH: '/usr/bin:/bin', ODD: "it's\nmulti-line $HOME `x`" };
    const ran = await run('env; echo "cwd=$(pwd)"; ls /proc/$$/fd; grep SigIgn /proc/$$/status', '', { cwd: '/usr', env });
    expect(ran.stdout).toContain(`ODD=${env.ODD}\n`);
    expect(ran.stdout).not.toMatch(/^HOME=/m);
    expect(ran.stdout).toContain('cwd=/usr\n');
    const fds = ran.stdout.split('cwd=/usr\n')[1]!.split('\n').filter((l) => /^\d+$/.test(l));
    expect(fds).toEqual(['0', '1', '2']);
    expect(ran.stdout).toMatch(/SigIgn:\s+0+\n/);
  });

  it('keeps stderr apart and fails clearly in a directory that has gone', async () => {
    const ran = await run('echo out; echo err >&2', '', { cwd: '/nonexistent/dir' });
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/nonexistent/);
    expect(ran.code).toBe(126);
  });

  it('gives the coprocess a 1 MiB stdin pipe, so a flood batch goes in one write', async () => {
    // F_GETPIPE_SZ = 1032; perl is essential on Debian, as the start script assumes.
    const ran = await run(`perl -e 'print fcntl(STDIN, 1032, 0)'`);
    expect(Number(ran.stdout)).toBe(1024 * 1024);
  });

  it('leaves no pipe directory behind', async () => {
    const ran = await run('true');
    const dir = (ran.child as unknown as { dir: string }).dir;
    expect(() => readFileSync(`${dir}/start`)).toThrow();
  });
});

describe('when the spawn server itself is killed', () => {
  it('a running coprocess still reports its end, and the next one is started directly', async () => {
    const own = new SpawnServer();
    // The coprocess says it runs, then waits until the server is gone.
    const dir = mkdtempSync(join(tmpdir(), 'tmx-spawn-test-'));
    const [up, go] = [join(dir, 'up'), join(dir, 'go')];
    const running = run(`: > '${up}'; while [ ! -e '${go}' ]; do sleep 0.02; done; exit 3`, '', { via: own });
    const deadline = Date.now() + 10_000;
    while (!existsSync(up) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(up)).toBe(true);
    const serverPid = own.serverPid!;
    process.kill(serverPid, 'SIGKILL');
    // Gone (a zombie at most) before the coprocess ends: it outlives its server.
    const ended = (): boolean => {
      try {
        const stat = readFileSync(`/proc/${serverPid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
      } catch {
        return true;
      }
    };
    while (!ended() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(ended()).toBe(true);
    writeFileSync(go, '');
    const ran = await running;
    rmSync(dir, { recursive: true, force: true });
    // Its waiting subshell outlives the server and reports the status; failing that, "ended".
    expect([3, null]).toContain(ran.code);
    const next = await run('cat /proc/$$/stat; exit 4', '', { via: own });
    expect(next.code).toBe(4);
    const fields = next.stdout.slice(next.stdout.lastIndexOf(')') + 2).split(' ');
    expect(Number(fields[1])).toBe(process.pid); // forked by this process: the fallback
  });
});

describe('a server that does not answer', () => {
  it('after 5 s the coprocess is forked from tmx instead', async () => {
    const own = new SpawnServer();
    expect((await run('exit 0', '', { via: own })).code).toBe(0); // running and ready
    process.kill(own.serverPid!, 'SIGSTOP');
    try {
      const ran = await run('cat /proc/$$/stat; exit 6', '', { via: own });
      expect(ran.code).toBe(6);
      const fields = ran.stdout.slice(ran.stdout.lastIndexOf(')') + 2).split(' ');
      expect(Number(fields[1])).toBe(process.pid);
    } finally {
      process.kill(own.serverPid!, 'SIGCONT');
      own.close();
    }
  }, 15_000);
});

describe('a temp directory the server cannot use', () => {
  it('one whose name has a newline: the coprocess is forked from tmx instead', async () => {
    const odd = mkdtempSync(join(tmpdir(), 'tmx new\nline-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = odd;
    try {
      const ran = await run('cat /proc/$$/stat; exit 5');
      expect(ran.code).toBe(5);
      const fields = ran.stdout.slice(ran.stdout.lastIndexOf(')') + 2).split(' ');
      expect(Number(fields[1])).toBe(process.pid);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(odd, { recursive: true, force: true });
    }
  });
});

describe('when tmx dies while a coprocess starts', () => {
  it('the server releases it from its pipes: it ends like any coprocess whose tmx died, and the directory goes', async () => {
    // Plays a tmx that asks for a coprocess and dies before opening its pipes.
    const launch = serverLaunch();
    const server = spawn(launch.file, launch.args, { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    server.stdout.setEncoding('utf8');
    server.stdout.on('data', (text: string) => (out += text));
    const until = async (test: () => boolean): Promise<void> => {
      for (let i = 0; i < 250 && !test(); i++) await new Promise((r) => setTimeout(r, 20));
    };
    await until(() => out.includes('ready\n'));
    const dir = mkdtempSync(join(tmpdir(), 'tmx-coprocess-test-'));
    writeFileSync(join(dir, 'start'), startScript(dir, { file: '/bin/cat', args: [], cwd: '/', env: {} }));
    server.stdin.write(`${dir}\n`);
    await until(() => /pid \d+ /.test(out));
    const pid = Number(/pid (\d+) /.exec(out)![1]);
    server.stdin.end(); // tmx is gone
    const alive = (): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await until(() => !alive());
    expect(alive()).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('start script and status decoding', () => {
  it('quotes every word, so no command or value is evaluated by the shell', () => {
    const script = startScript('/tmp/d', { file: 'a=b', args: ["$(touch x)", "'"], cwd: "/it's", env: { K: '$V' } });
    expect(script).toContain("cd -- '/it'\\''s'");
    expect(script).toContain("'K=$V'");
    expect(script).toContain("'$(touch x)'");
    expect(script).toContain("/bin/sh -c 'exec \"$0\" \"$@\"' 'a=b'");
  });

  it('reads 128+N as signal N and anything else as a code', () => {
    expect(decodeStatus(0)).toEqual({ code: 0, signal: null });
    expect(decodeStatus(137)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(decodeStatus(255)).toEqual({ code: 255, signal: null });
  });
});
