// Frames for every terminal showing a session: each terminal's FramePainter is its
// AttachedClient's (painting at the client's own size and capabilities), made and dropped with
// it. Each painter remembers the generation of every pane row it drew and redraws the rows that
// moved since (Emulator.rowGenerations), so every client sees every change at the cost of its
// own changes. Only the echo drawn ahead is the latest client's.
import type { FrameView } from '../ui/compose.js';
import type { ScreenPort, ScreenSink } from '../ui/screen-port.js';
import type { TerminalCapabilities } from '../ui/serialize.js';
import type { Pane } from '../panes/pane.js';
import type { FramePainter } from './frame-painter.js';

/**
 * A typed character's echo, worked out after a frame, before the key: written straight away if
 * the next output of `pane` is one printable character and neither the painter nor the pane
 * changed since (App.drawEchoAhead).
 */
export interface EchoPlan {
  paneId: number;
  sink: ScreenSink;
  painter: FramePainter;
  /** The painter's version when planned. */
  version: number;
  /** The pane's cursor cell, where the character lands. */
  at: { x: number; y: number };
  /** What goes before the character (a pen reset, or nothing). */
  prefix: string;
}

/** The painters as the terminals hold them (SessionClients). */
export interface PainterSource {
  /** The painter of `sink`'s terminal (absent: the one terminal of a plain screen), made if new. */
  painterOf(sink?: ScreenSink): FramePainter;
  /** The painter of `sink`'s terminal if it has one: a terminal never painted starts whole anyway. */
  existingPainterOf(sink: ScreenSink): FramePainter | undefined;
  allPainters(): FramePainter[];
}

export class Painters {
  constructor(
    private readonly screen: ScreenPort,
    private readonly terminals: PainterSource,
  ) {}

  /** `sink`'s terminal (absent: every terminal) may not show what was drawn: its next frame is whole. */
  forgetScreen(sink?: ScreenSink): void {
    if (sink) return this.terminals.existingPainterOf(sink)?.forgetScreen();
    for (const painter of this.terminals.allPainters()) painter.forgetScreen();
  }

  chromeChanged(): void {
    for (const painter of this.terminals.allPainters()) painter.chromeChanged();
  }

  /** `buildView(sink)`: the view for that terminal (its own prompt, messages, overlay); `now`: see FramePainter.paint. */
  paint(buildView: (sink?: ScreenSink) => FrameView, panes: ReadonlyMap<number, Pane>, capabilities: (detected: TerminalCapabilities) => TerminalCapabilities, now?: number): void {
    const sinks = this.screen.sinks?.();
    if (!sinks) {
      const output = this.terminals.painterOf().paint(() => buildView(), panes, capabilities(this.screen.capabilities), now);
      // Empty when the echo was drawn ahead and nothing else changed.
      if (output) this.screen.write(output);
      return;
    }
    for (const sink of sinks) {
      const fitted = (): FrameView => fitTo(buildView(sink), sink);
      const output = this.terminals.painterOf(sink).paint(fitted, panes, capabilities(sink.capabilities), now);
      // A frame dropped for a backed-up client leaves its painter wrong about its terminal until
      // the client catches up, which forgets that client's screen alone (SharedScreen.catchUp).
      if (output) sink.send(output);
    }
  }

  /** A plan for a one-character echo at `at` in pane `paneId`, for the latest client; undefined when drawAhead would refuse it. */
  planEcho(paneId: number, at: { x: number; y: number }): EchoPlan | undefined {
    const sink = this.screen.sinks?.()[0];
    const painter = sink && this.terminals.existingPainterOf(sink);
    const bytes = painter?.drawAhead(paneId, at, 'x', true);
    if (!sink || !painter || bytes === undefined) return undefined;
    return { paneId, sink, painter, version: painter.version, at, prefix: bytes.slice(0, -1) };
  }

  /** An echo drawn ahead of its frame, for the latest client (the one typing; true when written); the others get the frame. */
  drawAhead(paneId: number, at: { x: number; y: number }, text: string): boolean {
    const sinks = this.screen.sinks?.();
    if (!sinks) {
      const bytes = this.terminals.painterOf().drawAhead(paneId, at, text);
      if (bytes) this.screen.write(bytes);
      return bytes !== undefined;
    }
    const first = sinks[0];
    const bytes = first && this.terminals.existingPainterOf(first)?.drawAhead(paneId, at, text);
    return first !== undefined && bytes !== undefined && first.send(bytes);
  }
}

/** The window's view on a terminal of another size: the status line on its last row, panes cut at its edges. */
function fitTo(view: FrameView, sink: ScreenSink): FrameView {
  if (view.width === sink.cols && view.height === sink.rows) return view;
  return { ...view, width: sink.cols, height: sink.rows };
}
