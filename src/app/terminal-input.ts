// Keys are read per terminal, as tmux reads them per client: each terminal attached to a session
// has its own UTF-8 decoder, escape-sequence tokenizer, escape timer and key-table state (the
// prefix pressed, repeat-time), so a prefix pressed in one terminal never makes the next key
// typed in another a command, and half an escape sequence from one never joins bytes from another.
import { StringDecoder } from 'node:string_decoder';
import { InputTokenizer, type InputEvent } from '../keymap/input.js';
import type { KeyRouter } from '../keymap/keymap.js';
import type { ScreenPort, ScreenSink } from '../ui/screen-port.js';

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

/** Each terminal's TerminalInput, made on its first key and dropped once it has gone. */
export class TerminalInputs {
  /** For a screen that is one terminal (no sinks), and keys from no terminal. */
  private readonly single: TerminalInput;
  private readonly bySink = new Map<ScreenSink, TerminalInput>();

  constructor(
    private readonly screen: ScreenPort,
    private readonly makeRouter: () => KeyRouter,
  ) {
    this.single = new TerminalInput(makeRouter());
  }

  /** The input of `sink`, or of the one terminal. */
  of(sink: ScreenSink | undefined): TerminalInput {
    if (!sink) return this.single;
    let input = this.bySink.get(sink);
    if (!input) {
      this.forgetGone();
      input = new TerminalInput(this.makeRouter());
      this.bySink.set(sink, input);
    }
    return input;
  }

  /** Whether `sink` is still attached (keys flushed late from one that went are dropped). */
  attached(sink: ScreenSink | undefined): boolean {
    return !sink || (this.screen.sinks?.() ?? []).includes(sink);
  }

  /** New key tables (the rc file reloaded): every terminal starts over in the root table. */
  renewRouters(): void {
    this.single.router = this.makeRouter();
    for (const input of this.bySink.values()) input.router = this.makeRouter();
  }

  private forgetGone(): void {
    for (const [sink, input] of this.bySink) {
      if (this.attached(sink)) continue;
      input.stopTimer();
      this.bySink.delete(sink);
    }
  }
}
