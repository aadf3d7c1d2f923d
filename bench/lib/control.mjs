// A tmux control-mode client (`tmux -C attach`) on the OUTER server: commands without a
// fork per call (capture-pane, send-keys), and `%output` notifications carrying the exact
// bytes the program in the outer pane (tmx or a tmux client) wrote, time-stamped on arrival.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Decodes tmux's control-mode escaping (octal \ooo for bytes < 0x20 and backslash) to latin1. */
export function unescapeOutput(escaped) {
  if (!escaped.includes('\\')) return escaped;
  return escaped.replace(/\\([0-7]{3})/g, (_, oct) => String.fromCharCode(parseInt(oct, 8)));
}

export class ControlClient {
  /**
   * @param {string[]} tmuxArgs e.g. ['-L', socket]
   * @param {{ env: Record<string,string>, output: boolean }} options
   */
  constructor(tmuxArgs, { env, output }) {
    this.child = spawn('tmux', [...tmuxArgs, '-C', 'attach-session', '-t', 'outer'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.pending = [];
    this.current = undefined;
    this.outputListeners = new Set();
    this.buffer = '';
    this.closed = false;
    this.stderr = '';
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.child.once('error', reject);
      this.child.once('exit', (code) => reject(new Error(`tmux control client exited (${code}): ${this.stderr}`)));
    });
    this.child.stdout.setEncoding('latin1');
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.child.on('exit', () => {
      this.closed = true;
      for (const p of this.pending) p.reject(new Error('tmux control client exited'));
      this.pending = [];
    });
    this.child.stdin.on('error', () => undefined);
    this.wantOutput = output;
  }

  async start() {
    await this.ready;
    if (!this.wantOutput) await this.command('refresh-client -f no-output');
  }

  onOutput(listener) {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  onData(chunk) {
    const now = performance.now();
    this.buffer += chunk;
    let nl;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      this.onLine(line, now);
    }
  }

  onLine(line, now) {
    if (this.current) {
      if (line.startsWith('%end ') || line.startsWith('%error ')) {
        const block = this.current;
        this.current = undefined;
        if (block.mine) {
          const waiter = this.pending.shift();
          const lines = block.lines.map((l) => Buffer.from(l, 'latin1').toString('utf8'));
          if (line.startsWith('%error ')) waiter?.reject(new Error(`tmux: ${waiter.cmd}: ${lines.join('\n')}`));
          else waiter?.resolve(lines);
        } else if (this.resolveReady) {
          // The attach itself (flags 0) has completed: the client is attached.
          this.resolveReady();
          this.resolveReady = undefined;
        }
        return;
      }
      this.current.lines.push(line);
      return;
    }
    if (line.startsWith('%begin ')) {
      const flags = Number(line.split(' ')[3]);
      this.current = { mine: (flags & 1) === 1, lines: [] };
      return;
    }
    if (line.startsWith('%output ')) {
      if (this.outputListeners.size === 0) return;
      const space = line.indexOf(' ', 8);
      const data = line.slice(space + 1);
      for (const l of this.outputListeners) l(data, now);
      return;
    }
    if (line.startsWith('%session-changed') && this.resolveReady) {
      this.resolveReady();
      this.resolveReady = undefined;
    }
  }

  /** Runs one tmux command; resolves with its output lines (UTF-8). */
  command(cmd) {
    if (this.closed) return Promise.reject(new Error('tmux control client is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject, cmd });
      this.child.stdin.write(`${cmd}\n`);
    });
  }

  /** Writes a command and returns at once (for latency probes, where the answer is the %output). */
  fire(cmd) {
    this.pending.push({ resolve: () => undefined, reject: () => undefined, cmd });
    this.child.stdin.write(`${cmd}\n`);
  }

  close() {
    if (this.closed) return;
    try {
      this.child.stdin.end();
    } catch {
      // gone
    }
    setTimeout(() => {
      if (!this.closed) this.child.kill('SIGKILL');
    }, 500).unref();
  }
}

/** Quotes a string as one word of tmux's command syntax (no single quotes allowed inside). */
export function tq(text) {
  if (text.includes("'")) throw new Error(`bench: cannot quote ${JSON.stringify(text)} for tmux (contains ')`);
  return `'${text}'`;
}
