// Triggers on one pane: after each parsed chunk, the line tracker yields the lines to match
// and the matcher says what fires; this turns each firing into what it does. Pane output is
// untrusted: commands arrive here as argv (never a shell line) with captures already bound.
import type { Pane } from '../panes/pane.js';
import { LineTracker } from '../triggers/line-tracker.js';
import { TriggerMatcher } from '../triggers/matcher.js';
import type { CompiledTrigger, HighlightStyle, TrackedLine, TriggerFiring } from '../triggers/types.js';
import { Attr, palette256, rgbColor } from '../emulator/cells.js';
import type { CellHighlight } from '../emulator/emulator.js';

/** What firings act on in the app around the pane. */
export interface TriggerEffects {
  runCoprocess(pane: Pane, argv: string[], env: Record<string, string>, silent: boolean, label: string): void;
  /** zmodem-receive, zmodem-send: ask where to, then start rz or sz as a silent coprocess. */
  askZmodem(pane: Pane, direction: 'receive' | 'send'): void;
  showMessage(text: string): void;
  bell(): void;
  requestRender(): void;
}

export class PaneTriggers {
  private readonly tracker: LineTracker;
  private readonly matcher: TriggerMatcher;

  constructor(
    private readonly pane: Pane,
    triggers: readonly CompiledTrigger[],
    private readonly effects: TriggerEffects,
    now: () => number = Date.now,
  ) {
    this.tracker = new LineTracker(pane.emulator);
    this.matcher = new TriggerMatcher(triggers, now);
  }

  /** Call after each parsed chunk of the pane's output. */
  scan(): void {
    for (const line of this.tracker.update(this.matcher.wantsPartialLines)) {
      for (const firing of this.matcher.match(line)) this.run(firing, line);
    }
    for (const notice of this.matcher.takeNotices()) this.effects.showMessage(notice);
  }

  private run(firing: TriggerFiring, line: TrackedLine): void {
    switch (firing.action) {
      case 'run-coprocess':
      case 'run-silent-coprocess':
        if (firing.argv && firing.argv.length > 0) {
          this.effects.runCoprocess(this.pane, firing.argv, firing.env ?? {}, firing.action === 'run-silent-coprocess', firing.trigger);
        }
        return;
      case 'zmodem-receive':
      case 'zmodem-send':
        this.effects.askZmodem(this.pane, firing.action === 'zmodem-receive' ? 'receive' : 'send');
        return;
      case 'send-text':
        if (firing.text) this.pane.write(firing.text);
        return;
      case 'highlight':
        if (line.row !== undefined && firing.style) {
          this.pane.emulator.addHighlight(line.row, firing.start, firing.end, cellHighlight(firing.style));
          this.pane.markDirty();
        }
        return;
      case 'bell':
        this.effects.bell();
        return;
      case 'notify':
        this.effects.showMessage(firing.text ?? '');
        return;
      case 'set-title':
        this.pane.titleOverride = firing.text ?? '';
        this.effects.requestRender();
        return;
      case 'stop':
        return;
    }
  }

  dispose(): void {
    this.tracker.dispose();
  }
}

export function cellHighlight(style: HighlightStyle): CellHighlight {
  let attrs = 0;
  if (style.bold) attrs |= Attr.BOLD;
  if (style.underline) attrs |= Attr.UNDERLINE;
  if (style.italic) attrs |= Attr.ITALIC;
  if (style.inverse) attrs |= Attr.INVERSE;
  return { fg: colour(style.fg), bg: colour(style.bg), attrs };
}

function colour(value: HighlightStyle['fg']): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return palette256(value);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  return hex ? rgbColor(parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)) : undefined;
}
