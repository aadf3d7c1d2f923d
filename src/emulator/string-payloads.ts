// How xterm.js gathers an OSC or DCS string's text for the handler that acts on it (a title, a
// clipboard write, a DECRQSS query). xterm appends it one character at a time (`result +=
// String.fromCharCode(c)` in utf32ToString, called for every piece of the string): each
// character is a string node of its own until the string ends, ~58 bytes a character. A 1 MiB
// title cost ~58 MB, most of it promoted to the old generation before it was collected, and
// twenty of them in a row +185 MB. Here the two handler classes behind every OSC and DCS
// handler (xterm's own and those registered through its public API) keep copies of the code
// points instead, 4 bytes a character, and build the string once, at the end. No import of
// xterm here: emulator.ts hands over the handler objects it finds (see there).

/** The most code points a handler gathers; a longer string is dropped, as xterm's own limit does. */
export const MAX_PAYLOAD_CODE_POINTS = 1024 * 1024;

/** Code points turned into a string per call (a call's arguments must stay well under the engine's limit). */
const CODE_POINTS_PER_CALL = 8192;

/** The fields xterm's OscHandler and DcsHandler keep the text in (private to xterm, present at run time). */
interface GatheringHandler {
  _data: string;
  _hitLimit: boolean;
  /** Set by keepOnlyStart: the most code points this handler uses; the rest is passed over. */
  _keep?: number;
  /** Added here: copies of the string's pieces so far, and their length in code points. */
  _pieces?: Uint32Array[];
  _gathered?: number;
}

interface HandlerPrototype {
  put(data: Uint32Array, start: number, end: number): void;
}

const patched = new WeakSet<object>();

/** A string of the code points in `pieces`. */
export function codePointsToString(pieces: readonly Uint32Array[]): string {
  const parts: string[] = [];
  for (const piece of pieces) {
    for (let i = 0; i < piece.length; i += CODE_POINTS_PER_CALL) {
      parts.push(String.fromCodePoint.apply(null, piece.subarray(i, i + CODE_POINTS_PER_CALL) as unknown as number[]));
    }
  }
  return parts.join('');
}

function gather(this: GatheringHandler, data: Uint32Array, start: number, end: number): void {
  if (this._hitLimit) return;
  if (this._keep !== undefined) {
    const take = Math.min(end - start, this._keep - (this._gathered ?? 0));
    if (take <= 0) return;
    this._gathered = (this._gathered ?? 0) + take;
    (this._pieces ??= []).push(data.slice(start, start + take));
    return;
  }
  const gathered = (this._gathered ?? 0) + end - start;
  if (gathered > MAX_PAYLOAD_CODE_POINTS) {
    this._pieces = [];
    this._gathered = 0;
    this._hitLimit = true;
    return;
  }
  this._gathered = gathered;
  // A copy: `data` is xterm's parse buffer, filled afresh for every chunk of output.
  (this._pieces ??= []).push(data.slice(start, end));
}

/** xterm's own `_data`, filled from the pieces just before its end method reads it; the pieces go. */
function settle(handler: GatheringHandler, success: boolean): void {
  if (success && !handler._hitLimit) handler._data = codePointsToString(handler._pieces ?? []);
  handler._pieces = [];
  handler._gathered = 0;
}

/**
 * Makes `instance`'s class gather compactly: xterm's OscHandler (methods start, put, end) or
 * DcsHandler (hook, put, unhook). Returns false, changing nothing, if the class is not shaped
 * as expected (another xterm version): its own gathering then stays, bounded by its own limit.
 */
export function gatherCompactly(instance: unknown, first: 'start' | 'hook', last: 'end' | 'unhook'): boolean {
  if (typeof instance !== 'object' || instance === null) return false;
  const proto = Object.getPrototypeOf(instance) as HandlerPrototype & Record<string, unknown>;
  if (patched.has(proto)) return true;
  const begin = proto[first];
  const finish = proto[last];
  const fields = instance as Partial<GatheringHandler>;
  if (typeof proto.put !== 'function' || typeof begin !== 'function' || typeof finish !== 'function' ||
    typeof fields._data !== 'string' || typeof fields._hitLimit !== 'boolean') {
    return false;
  }
  proto[first] = function (this: GatheringHandler, ...args: unknown[]): unknown {
    settle(this, false); // pieces of a string that ended without an end call (a C1 in it) go
    return (begin as (...a: unknown[]) => unknown).apply(this, args);
  };
  proto.put = gather as HandlerPrototype['put'];
  proto[last] = function (this: GatheringHandler, success: boolean, ...rest: unknown[]): unknown {
    settle(this, success);
    return (finish as (...a: unknown[]) => unknown).call(this, success, ...rest);
  };
  patched.add(proto);
  return true;
}

/**
 * Handlers that act on no more than the first `count` code points of their string (titles,
 * cut anyway) gather only those: a megabyte title is passed over, not copied and joined.
 */
export function keepOnlyStart(instances: readonly unknown[], count: number): void {
  for (const instance of instances) {
    if (typeof instance === 'object' && instance !== null && '_hitLimit' in instance) (instance as GatheringHandler)._keep = count;
  }
}
