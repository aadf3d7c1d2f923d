// Frames for every terminal showing a session: one FramePainter per client, each at the
// client's own size and capabilities. Each painter remembers the generation of every pane row it
// drew and redraws the rows that moved since (Emulator.rowGenerations), so every client sees
// every change at the cost of its own changes. Only the echo drawn ahead is the latest client's.
import type { FrameView } from '../ui/compose.js';
import type { ScreenPort, ScreenSink } from '../ui/screen-port.js';
import type { TerminalCapabilities } from '../ui/serialize.js';
import type { Pane } from '../panes/pane.js';
import { FramePainter } from './frame-painter.js';

export class Painters {
  /** For a screen that is one terminal (no sinks). */
  private readonly single = new FramePainter();
  private readonly bySink = new Map<ScreenSink, FramePainter>();

  constructor(private readonly screen: ScreenPort) {}

  /** `sink`'s terminal (absent: every terminal) may not show what was drawn: its next frame is whole. */
  forgetScreen(sink?: ScreenSink): void {
    if (sink) return this.bySink.get(sink)?.forgetScreen();
    this.single.forgetScreen();
    for (const painter of this.bySink.values()) painter.forgetScreen();
  }

  chromeChanged(): void {
    this.single.chromeChanged();
    for (const painter of this.bySink.values()) painter.chromeChanged();
  }

  private painterFor(sink: ScreenSink): FramePainter {
    let painter = this.bySink.get(sink);
    if (!painter) {
      painter = new FramePainter();
      this.bySink.set(sink, painter);
    }
    return painter;
  }

  /** `buildView(sink)`: the view for that terminal (its own prompt, messages, overlay). */
  paint(buildView: (sink?: ScreenSink) => FrameView, panes: ReadonlyMap<number, Pane>, capabilities: (detected: TerminalCapabilities) => TerminalCapabilities): void {
    const sinks = this.screen.sinks?.();
    if (!sinks) {
      const output = this.single.paint(() => buildView(), panes, capabilities(this.screen.capabilities));
      // Empty when the echo was drawn ahead and nothing else changed.
      if (output) this.screen.write(output);
      return;
    }
    for (const sink of [...this.bySink.keys()]) if (!sinks.includes(sink)) this.bySink.delete(sink);
    for (const sink of sinks) {
      const painter = this.painterFor(sink);
      const fitted = (): FrameView => fitTo(buildView(sink), sink);
      const output = painter.paint(fitted, panes, capabilities(sink.capabilities));
      // A frame dropped for a backed-up client leaves its painter wrong about its terminal until
      // the client catches up, which forgets that client's screen alone (SharedScreen.catchUp).
      if (output) sink.send(output);
    }
  }

  /** An echo drawn ahead of its frame, for the latest client (the one typing; true when written); the others get the frame. */
  drawAhead(paneId: number, at: { x: number; y: number }, text: string): boolean {
    const sinks = this.screen.sinks?.();
    if (!sinks) {
      const bytes = this.single.drawAhead(paneId, at, text);
      if (bytes) this.screen.write(bytes);
      return bytes !== undefined;
    }
    const first = sinks[0];
    const bytes = first && this.bySink.get(first)?.drawAhead(paneId, at, text);
    return first !== undefined && bytes !== undefined && first.send(bytes);
  }
}

/** The window's view on a terminal of another size: the status line on its last row, panes cut at its edges. */
function fitTo(view: FrameView, sink: ScreenSink): FrameView {
  if (view.width === sink.cols && view.height === sink.rows) return view;
  return { ...view, width: sink.cols, height: sink.rows };
}
