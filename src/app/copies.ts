// Copy mode's copies and every paste into a pane: what was copied last (for paste-buffer, as
// tmux's buffer), the outer terminal's clipboard (OSC 52, as tmux's set-clipboard), and how
// text is typed into a pane when pasted (bracketed for programs that asked).
import type { Pane } from '../panes/pane.js';
import type { Options } from '../config/options.js';
import { clipboardForOuterTerminal, clipboardSequence } from './pane-events.js';

/** What copies need of the app. */
export interface CopiesHost {
  options(): Options;
  writeToTerminal(data: string): void;
  showMessage(text: string): void;
}

export class Copies {
  /** What copy mode copied last; paste-buffer types it into a pane. */
  private last: string | undefined;

  constructor(private readonly host: CopiesHost) {}

  /**
   * A copy mode copy: kept for paste-buffer (C-b ]) and, unless copy-to-clipboard is off, sent
   * to the outer terminal's clipboard (OSC 52), as tmux's set-clipboard.
   */
  keep(text: string): void {
    this.last = text;
    const options = this.host.options();
    const lines = text.split('\n').length;
    let clipboard = '';
    if (options['copy-to-clipboard']) {
      const bytes = Buffer.from(text);
      if (bytes.length <= options['clipboard-max-bytes']) this.host.writeToTerminal(clipboardSequence(bytes));
      else clipboard = '; too long for the clipboard (clipboard-max-bytes)';
    }
    this.host.showMessage(`Copied ${[...text].length} characters${lines > 1 ? ` on ${lines} lines` : ''} (prefix ] pastes${clipboard})`);
  }

  /** A program's clipboard write (OSC 52), passed on to the outer terminal if the options allow. */
  passClipboardWrite(data: Buffer): void {
    const outcome = clipboardForOuterTerminal(data, this.host.options());
    if (outcome && 'refused' in outcome) this.host.showMessage(outcome.refused);
    else if (outcome) this.host.writeToTerminal(outcome.sequence);
  }

  /** The paste-buffer command: the copied text typed into the pane, bracketed if its program asked. */
  pasteInto(pane: Pane): void {
    if (this.last === undefined) {
      this.host.showMessage('nothing copied yet (copy mode: prefix [, then v, move, Enter)');
      return;
    }
    // As tmux's paste-buffer: line feeds become carriage returns, what Enter sends.
    typePasted(pane, this.last.replace(/\n/g, '\r'));
  }
}

/** Pasted text into a pane: in bracketed-paste markers if its program asked for them. */
export function typePasted(pane: Pane, text: string): void {
  // A paste can never end a bracket early: markers inside it are dropped.
  const body = text.replace(/\x1b\[20[01]~/g, '');
  pane.typeUserInput(pane.modes().bracketedPaste ? `\x1b[200~${body}\x1b[201~` : body);
}
