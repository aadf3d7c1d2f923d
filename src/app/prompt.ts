// The one-line editor behind the command prompt, the "Run coprocess:" prompt and y/n
// confirmations. Pure state: keys in, an outcome out.

export type PromptKind = 'command' | 'coprocess' | 'confirm' | 'search';

export type PromptOutcome = { kind: 'submit'; text: string } | { kind: 'cancel' } | { kind: 'edited' };

export class PromptEditor {
  text: string;
  cursor: number;
  private historyIndex = -1;
  private draft = '';

  constructor(
    readonly kind: PromptKind,
    readonly label: string,
    initial = '',
    /** Most recent first. */
    private readonly history: readonly string[] = [],
  ) {
    this.text = initial;
    this.cursor = [...initial].length;
  }

  insert(text: string): void {
    // Pasted or typed control characters never enter a command line.
    const clean = text.replace(/[\x00-\x1f\x7f]/g, ' ');
    const chars = [...this.text];
    chars.splice(this.cursor, 0, ...clean);
    this.text = chars.join('');
    this.cursor += [...clean].length;
  }

  /** Handles a key by its canonical name (see keymap/input.ts). */
  handleKey(key: string): PromptOutcome {
    if (this.kind === 'confirm') {
      return key === 'y' || key === 'Y' ? { kind: 'submit', text: 'y' } : { kind: 'cancel' };
    }
    const chars = [...this.text];
    switch (key) {
      case 'Enter':
        return { kind: 'submit', text: this.text };
      case 'Escape':
      case 'C-c':
      case 'C-g':
        return { kind: 'cancel' };
      case 'BSpace':
      case 'C-h':
        if (this.cursor > 0) {
          chars.splice(this.cursor - 1, 1);
          this.cursor--;
        } else if (chars.length === 0) {
          return { kind: 'cancel' }; // as tmux: backspace on an empty prompt closes it
        }
        break;
      case 'DC':
      case 'C-d':
        chars.splice(this.cursor, 1);
        break;
      case 'Left':
      case 'C-b':
        this.cursor = Math.max(0, this.cursor - 1);
        break;
      case 'Right':
      case 'C-f':
        this.cursor = Math.min(chars.length, this.cursor + 1);
        break;
      case 'Home':
      case 'C-a':
        this.cursor = 0;
        break;
      case 'End':
      case 'C-e':
        this.cursor = chars.length;
        break;
      case 'C-u':
        chars.splice(0, this.cursor);
        this.cursor = 0;
        break;
      case 'C-k':
        chars.splice(this.cursor);
        break;
      case 'C-w':
        this.cursor = this.deleteWordBefore(chars);
        break;
      case 'Up':
        this.recall(1);
        return { kind: 'edited' };
      case 'Down':
        this.recall(-1);
        return { kind: 'edited' };
      case 'Space':
        this.insert(' ');
        return { kind: 'edited' };
      default:
        if ([...key].length === 1) this.insert(key);
        return { kind: 'edited' };
    }
    this.text = chars.join('');
    return { kind: 'edited' };
  }

  private deleteWordBefore(chars: string[]): number {
    let start = this.cursor;
    while (start > 0 && chars[start - 1] === ' ') start--;
    while (start > 0 && chars[start - 1] !== ' ') start--;
    chars.splice(start, this.cursor - start);
    return start;
  }

  /** Up (+1) goes to older entries, Down (-1) to newer and finally back to the draft. */
  private recall(step: 1 | -1): void {
    const next = this.historyIndex + step;
    if (next < -1 || next >= this.history.length) return;
    if (this.historyIndex === -1) this.draft = this.text;
    this.historyIndex = next;
    this.text = next === -1 ? this.draft : this.history[next]!;
    this.cursor = [...this.text].length;
  }
}

/** Adds `entry` to a most-recent-first history without duplicates, capped at `limit`. */
export function pushHistory(history: readonly string[], entry: string, limit: number): string[] {
  if (!entry.trim()) return [...history];
  return [entry, ...history.filter((h) => h !== entry)].slice(0, limit);
}
