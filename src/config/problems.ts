// Problems in an rc file are values: one line each, naming the file, the place (key path, or
// line and column for syntax) and what to do. tmx shows them on screen and starts anyway.

export type Severity = 'error' | 'warning';

/** Called with a key path, a message and a severity; it knows the file. */
export type Report = (path: string, message: string, severity?: Severity) => void;

export interface Problem {
  severity: Severity;
  /** The whole line as shown to the user. */
  text: string;
}

/** How problems about the built-in defaults (no file) are attributed. */
export const NO_FILE = '(no rc file)';

/** `FILE: error: triggers[2].regex: message` */
export function keyProblem(file: string | undefined, path: string, message: string, severity: Severity = 'error'): Problem {
  const place = path === '' ? '' : `${path}: `;
  return { severity, text: `${file ?? NO_FILE}: ${severity}: ${place}${message}` };
}

/** `FILE:LINE:COLUMN: error: message`, the shape editors and compilers use. */
export function syntaxProblem(file: string, line: number, column: number, message: string): Problem {
  return { severity: 'error', text: `${file}:${line}:${column}: error: ${message}` };
}

/** `FILE: error: message` for problems with the file as a whole. */
export function fileProblem(file: string, message: string, severity: Severity = 'error'): Problem {
  return { severity, text: `${file}: ${severity}: ${message}` };
}

/** A key path segment: `.name` for plain names, `["C-b"]` for anything else. */
export function pathJoin(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}
