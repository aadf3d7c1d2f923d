// The prefix state machine, as tmux: root-table bindings first, the prefix key switches to the
// prefix table for one key, and a repeatable binding lets more repeatable keys follow without
// the prefix for repeat-time ms. Pure: the caller passes the time of each key.

import type { Binding, KeyTables } from './default-bindings.js';
import { normalizeKeyName, splitKey } from './keys.js';

export type KeyOutcome =
  | { kind: 'forward' } // send the key's bytes to the focused pane (encode with keyBytesForPane)
  | { kind: 'command'; command: string } // run this command string
  | { kind: 'consumed' } // the prefix itself
  | { kind: 'unbound'; key: string }; // a key after the prefix with no binding (tmux ignores those)

/** tmux's default repeat-time. */
export const DEFAULT_REPEAT_TIME_MS = 500;

type RouterMode = 'root' | 'prefix' | 'repeat';

const CONSUMED: KeyOutcome = { kind: 'consumed' };
const FORWARD: KeyOutcome = { kind: 'forward' };

export class KeyRouter {
  private tables!: KeyTables;
  private prefix!: string;
  private mode: RouterMode = 'root';
  /** While repeating, repeatable keys before this time skip the prefix. */
  private repeatDeadline = 0;

  constructor(
    tables: KeyTables,
    prefix: string,
    private readonly repeatTimeMs: number = DEFAULT_REPEAT_TIME_MS,
  ) {
    this.setTables(tables, prefix);
  }

  /** Printable ASCII keys (by code) that the root table leaves to the pane; made on first use. */
  private straight: Uint8Array | undefined;

  /** True when the next key is looked up in the root table alone (no prefix, no repeat pending). */
  get atRoot(): boolean {
    return this.mode === 'root';
  }

  /**
   * For each byte 0x21-0x7e, 1 when that key in the root table goes to the pane (bound to
   * nothing there, not the prefix): SessionClients' key shortcut reads it by the byte.
   */
  plainKeysToPane(): Uint8Array {
    if (this.straight) return this.straight;
    const straight = new Uint8Array(128);
    for (let code = 0x21; code < 0x7f; code++) {
      const key = String.fromCharCode(code);
      if (key !== this.prefix && !bindingFor(this.tables.root, key)) straight[code] = 1;
    }
    this.straight = straight;
    return straight;
  }

  /** True right after the prefix key, while the next key is looked up in the prefix table. */
  get awaitingPrefixKey(): boolean {
    return this.mode === 'prefix';
  }

  /** The prefix may be written in any accepted spelling; one that is not a key never matches. */
  setTables(tables: KeyTables, prefix: string): void {
    const normalized = normalizeKeyName(prefix);
    this.tables = tables;
    this.prefix = typeof normalized === 'string' ? normalized : prefix;
    this.straight = undefined;
    this.reset();
  }

  reset(): void {
    this.mode = 'root';
    this.repeatDeadline = 0;
  }

  handle(key: string, now: number): KeyOutcome {
    if (this.mode === 'repeat') {
      const repeated = this.handleRepeat(key, now);
      if (repeated) return repeated;
    }
    if (this.mode === 'prefix') return this.handleAfterPrefix(key, now);
    return this.handleRoot(key);
  }

  /** A repeatable key in time runs again; anything else ends repeat mode and is handled anew. */
  private handleRepeat(key: string, now: number): KeyOutcome | undefined {
    const binding = bindingFor(this.tables.prefix, key);
    this.mode = 'root';
    if (now >= this.repeatDeadline || !binding?.repeat) return undefined;
    return this.run(binding, now);
  }

  private handleAfterPrefix(key: string, now: number): KeyOutcome {
    this.mode = 'root';
    const binding = bindingFor(this.tables.prefix, key);
    return binding ? this.run(binding, now) : { kind: 'unbound', key };
  }

  private handleRoot(key: string): KeyOutcome {
    const binding = bindingFor(this.tables.root, key);
    if (binding) return { kind: 'command', command: binding.command };
    if (key !== this.prefix) return FORWARD;
    this.mode = 'prefix';
    return CONSUMED;
  }

  private run(binding: Binding, now: number): KeyOutcome {
    if (binding.repeat && this.repeatTimeMs > 0) {
      this.mode = 'repeat';
      this.repeatDeadline = now + this.repeatTimeMs;
    }
    return { kind: 'command', command: binding.command };
  }
}

/** Own properties only, so a key can never hit Object.prototype. */
function bindingFor(table: Record<string, Binding>, key: string): Binding | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export type BindingOverrides = {
  prefix?: Record<string, string | null>;
  root?: Record<string, string | null>;
};

const TABLE_NAMES = ['prefix', 'root'] as const;

/**
 * Applies rc-file style overrides: a command string binds (no repeat, empty note), null unbinds.
 * Keys are normalized, so "^B" and "C-b" are the same binding. Errors name the table and key.
 */
export function mergeBindings(base: KeyTables, overrides: BindingOverrides): KeyTables | { errors: string[] } {
  const merged: KeyTables = { prefix: { ...base.prefix }, root: { ...base.root } };
  const errors: string[] = [];
  for (const table of TABLE_NAMES) {
    for (const [written, command] of Object.entries(overrides[table] ?? {})) {
      const error = applyOverride(merged[table], written, command);
      if (error) errors.push(`${table} table, key "${written}": ${error}`);
    }
  }
  return errors.length > 0 ? { errors } : merged;
}

function applyOverride(table: Record<string, Binding>, written: string, command: unknown): string | undefined {
  const key = normalizeKeyName(written);
  if (typeof key !== 'string') return key.error;
  if (command === null) {
    delete table[key];
    return undefined;
  }
  if (typeof command !== 'string') return 'the value must be a command string, or null to unbind';
  if (command.trim() === '') return 'empty command (use null to unbind the key)';
  if (table[key]?.command !== command) table[key] = { command, note: '' };
  return undefined;
}

export interface BindingRow {
  table: 'prefix' | 'root';
  key: string;
  command: string;
  note: string;
}

/**
 * Every binding for list-keys: the prefix table, then root, each sorted by key with a key's
 * modified forms next to it (Up, C-Up, M-Up). `prefix` does not change the rows: the caller
 * shows it in front of prefix-table keys.
 */
export function describeBindings(tables: KeyTables, _prefix: string): BindingRow[] {
  return TABLE_NAMES.flatMap((table) =>
    Object.entries(tables[table])
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, binding]) => ({ table, key, command: binding.command, note: binding.note })),
  );
}

function compareKeys(a: string, b: string): number {
  const baseA = splitKey(a).base;
  const baseB = splitKey(b).base;
  if (baseA !== baseB) return baseA < baseB ? -1 : 1;
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
