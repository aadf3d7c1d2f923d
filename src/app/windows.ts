// A session's windows: their indexes, names, the current and the last one, and the flags the
// status line shows (tmux's `*` current, `-` last, `#` activity, `!` bell). Pure bookkeeping; no ptys.
import { Window } from './window.js';
import type { Rect } from './layout.js';

export interface WindowEntry {
  readonly window: Window;
  index: number;
  /** Set by rename-window; absent: automatic-rename names it after its active pane's program. */
  name?: string;
  /** A pane of it rang the bell while another window was shown. */
  bell: boolean;
  /** A pane of it printed while another window was shown, with monitor-activity on. */
  activity: boolean;
}

/** tmux's base-index 0: windows are numbered from here. */
const BASE_INDEX = 0;

export class WindowList {
  private entries: WindowEntry[] = [];
  private currentEntry: WindowEntry;
  private lastEntry: WindowEntry | undefined;

  constructor(area: Rect) {
    this.currentEntry = this.add(area);
  }

  get all(): readonly WindowEntry[] {
    return this.entries;
  }

  get current(): WindowEntry {
    return this.currentEntry;
  }

  get last(): WindowEntry | undefined {
    return this.lastEntry;
  }

  /** A new, empty window at the first free index (it is not selected). */
  add(area: Rect): WindowEntry {
    const entry: WindowEntry = { window: new Window(area), index: this.firstFreeIndex(), bell: false, activity: false };
    this.entries = [...this.entries, entry].sort((a, b) => a.index - b.index);
    return entry;
  }

  /** The first index no window has: new windows, and move-window without an index, take it. */
  firstFreeIndex(): number {
    let index = BASE_INDEX;
    while (this.entries.some((e) => e.index === index)) index++;
    return index;
  }

  /** move-window: `entry` takes index `index`; false (nothing moved) when another window has it. */
  move(entry: WindowEntry, index: number): boolean {
    const holder = this.byIndex(index);
    if (holder && holder !== entry) return false;
    entry.index = index;
    this.entries = [...this.entries].sort((a, b) => a.index - b.index);
    return true;
  }

  /** move-window -r: the windows numbered from the base index up, in their order, without gaps. */
  renumber(): void {
    this.entries.forEach((entry, i) => (entry.index = BASE_INDEX + i));
  }

  byIndex(index: number): WindowEntry | undefined {
    return this.entries.find((e) => e.index === index);
  }

  /** The window holding pane `id`. */
  holding(id: number): WindowEntry | undefined {
    return this.entries.find((e) => e.window.paneOrder.includes(id));
  }

  select(entry: WindowEntry): void {
    if (entry === this.currentEntry) return;
    this.lastEntry = this.currentEntry;
    this.currentEntry = entry;
    entry.bell = false;
    entry.activity = false;
  }

  /** The window after (or before) the current one, round the ends. */
  neighbour(step: 1 | -1): WindowEntry {
    const at = this.entries.indexOf(this.currentEntry);
    return this.entries[(at + step + this.entries.length) % this.entries.length]!;
  }

  /** Takes a window away; a current one is replaced by the last window, else its neighbour. Returns whether any are left. */
  remove(entry: WindowEntry): boolean {
    const at = this.entries.indexOf(entry);
    if (at < 0) return this.entries.length > 0;
    this.entries = this.entries.filter((e) => e !== entry);
    if (this.lastEntry === entry) this.lastEntry = undefined;
    if (this.entries.length === 0) return false;
    if (this.currentEntry === entry) {
      this.currentEntry = this.lastEntry ?? this.entries[Math.min(at, this.entries.length - 1)]!;
      this.lastEntry = undefined;
    }
    return true;
  }

  setArea(area: Rect): void {
    for (const entry of this.entries) entry.window.setArea(area);
  }
}
