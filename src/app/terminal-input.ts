// Keys are read per terminal, as tmux reads them per client: each terminal attached to a session
// has its own UTF-8 decoder, escape-sequence tokenizer, escape timer and key-table state (the
// prefix pressed, repeat-time), so a prefix pressed in one terminal never makes the next key
// typed in another a command, and half an escape sequence from one never joins bytes from another.
import { StringDecoder } from 'node:string_decoder';
import { InputTokenizer, type InputEvent } from '../keymap/input.js';
import type { KeyRouter } from '../keymap/keymap.js';

/**
 * Bytes still missing from the character a UTF-8 StringDecoder has begun: its `lastNeed`, which Node
 * keeps for compatibility without documenting it (tests/unit/app.test.ts checks it is there).
 * Unknown counts as missing, so without it every byte just takes the general way.
 */
export function utf8BytesMissing(decoder: StringDecoder): number {
  const missing = (decoder as unknown as { lastNeed?: unknown }).lastNeed;
  return typeof missing === 'number' ? missing : 1;
}

/** One terminal's keys on their way from bytes to key names. */
export class TerminalInput {
  private readonly tokenizer = new InputTokenizer();
  private readonly decoder = new StringDecoder('utf8');
  private escapeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(public router: KeyRouter) {}

  /**
   * The events in `data`, to `handle`; a sequence still incomplete after `escapeTimeMs` is
   * flushed to `late` (a lone ESC becomes Escape).
   */
  read(data: Buffer, escapeTimeMs: number, handle: (event: InputEvent) => void, late: (events: InputEvent[]) => void): void {
    this.stopTimer();
    for (const event of this.tokenizer.feed(this.decoder.write(data))) handle(event);
    if (this.tokenizer.hasPending()) {
      this.escapeTimer = setTimeout(() => {
        this.escapeTimer = undefined;
        late(this.tokenizer.flush());
      }, escapeTimeMs);
    }
  }

  /** Whether nothing is held: no escape sequence begun, no character half decoded. */
  idle(): boolean {
    return utf8BytesMissing(this.decoder) === 0 && !this.tokenizer.hasPending();
  }

  /** A byte now ends any sequence that was waiting: its timer must not flush it again. */
  stopTimer(): void {
    if (this.escapeTimer) clearTimeout(this.escapeTimer);
    this.escapeTimer = undefined;
  }
}
