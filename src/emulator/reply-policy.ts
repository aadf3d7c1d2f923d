// What a pane's emulator may send back to its program, and which clipboard writes it keeps.
// Pane output is untrusted (anything `cat` or `ssh` prints): a reply that carried text the
// program chose would be typed into the shell as if the user had typed it. So every reply
// must have one of the fixed shapes below, built only from numbers; anything else is
// dropped, whatever a future xterm version might produce. No library here.

/** Device attributes (DA1/DA2), status and cursor reports (DSR/CPR), mode reports (DECRQM). */
const CSI_REPLY = /^\x1b\[[?>]?[0-9;]*(?:\$y|[cnR])$/;
/** DECRQSS: "recognised" with numeric settings, or the fixed "not recognised" `DCS 0 $ r ST`. */
const DECRQSS_REPLY = /^\x1bP(?:0\$r|1\$r[0-9;]*(?: q|"q|"p|[mr]))\x1b\\$/;
/** Colour queries (OSC 4/10-19): a fixed `rgb:` format, digits only. */
const COLOUR_REPLY = /^\x1b\](?:4;[0-9]+|1[0-9]);rgb:[0-9a-f]{1,4}\/[0-9a-f]{1,4}\/[0-9a-f]{1,4}(?:\x07|\x1b\\)$/i;

/** Whether `reply` (produced while parsing a program's output) may go back to its pty. */
export function isSafeReply(reply: string): boolean {
  return CSI_REPLY.test(reply) || DECRQSS_REPLY.test(reply) || COLOUR_REPLY.test(reply);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * OSC 52 data is `selections;payload`. A write (base64 payload) gives its bytes; a read (`?`)
 * or anything malformed gives undefined: a program may never read the user's clipboard.
 */
export function clipboardWrite(oscData: string): Buffer | undefined {
  const separator = oscData.indexOf(';');
  if (separator < 0) return undefined;
  const payload = oscData.slice(separator + 1);
  if (payload === '?' || payload.length % 4 !== 0 || !BASE64.test(payload)) return undefined;
  return Buffer.from(payload, 'base64');
}
