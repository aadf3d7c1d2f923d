// The "Run coprocess:" prompt's history, kept across runs under $XDG_STATE_HOME/tmx/
// (default ~/.local/state/tmx/), one command per line, most recent first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pushHistory } from '../app/prompt.js';
import { xdgStateDirectory } from '../config/places.js';

/** Entries kept: enough to recall a working set, small enough to scan with Up. */
export const HISTORY_LIMIT = 20;

export interface HistoryStore {
  load(): string[];
  add(entry: string): string[];
}

export function historyPath(env: Record<string, string | undefined>): string {
  return join(xdgStateDirectory(env), 'coprocess-history');
}

export class FileHistory implements HistoryStore {
  private entries: string[] | undefined;

  constructor(private readonly path: string | undefined) {}

  load(): string[] {
    if (this.entries) return this.entries;
    try {
      const text = this.path ? readFileSync(this.path, 'utf8') : '';
      this.entries = text.split('\n').filter((l) => l.trim() !== '').slice(0, HISTORY_LIMIT);
    } catch {
      this.entries = [];
    }
    return this.entries;
  }

  add(entry: string): string[] {
    // Commands with newlines would break the one-per-line file; the prompt cannot produce them.
    const clean = entry.replace(/[\r\n]/g, ' ');
    this.entries = pushHistory(this.load(), clean, HISTORY_LIMIT);
    if (this.path) {
      try {
        mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
        writeFileSync(this.path, this.entries.join('\n') + '\n', { mode: 0o600 });
      } catch {
        // History is a convenience: an unwritable state dir must not stop the coprocess.
      }
    }
    return this.entries;
  }
}
