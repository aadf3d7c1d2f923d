// Where a JSON text first goes wrong. V8's JSON.parse names a position for some mistakes and
// not for others ("Unexpected token '}'"), so this small scanner re-reads a text JSON.parse
// rejected and points at the first bad character, to report a line and column.

export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

/** Nesting beyond this is not a config file; stops the recursive scan from overflowing. */
const MAX_DEPTH = 500;

class Failure {
  constructor(
    readonly index: number,
    readonly message: string,
  ) {}
}

class Scanner {
  private i = 0;

  constructor(private readonly text: string) {}

  run(): void {
    this.value(0);
    this.space();
    if (this.i < this.text.length) this.fail('unexpected text after the end of the JSON value');
  }

  private fail(message: string, at = this.i): never {
    throw new Failure(at, message);
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text[this.i])) this.i++;
    if (this.text.startsWith('//', this.i) || this.text.startsWith('/*', this.i)) {
      this.fail('JSON has no comments (write the rc file in YAML, e.g. .tmxrc.yaml, to keep comments)');
    }
  }

  private value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    this.space();
    const ch = this.text[this.i];
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"') return this.string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    if (ch === undefined) this.fail('unexpected end of file (a value is missing)');
    if (ch === "'") this.fail('strings need "double quotes" in JSON');
    this.fail(`unexpected ${JSON.stringify(ch)} where a value should be`);
  }

  private object(depth: number): void {
    this.i++;
    this.space();
    if (this.text[this.i] === '}') return void this.i++;
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') this.fail('expected a "quoted" property name');
      this.string();
      this.space();
      if (this.text[this.i] !== ':') this.fail('expected : after the property name');
      this.i++;
      this.value(depth + 1);
      if (this.separator('}')) return;
    }
  }

  private array(depth: number): void {
    this.i++;
    this.space();
    if (this.text[this.i] === ']') return void this.i++;
    for (;;) {
      this.value(depth + 1);
      if (this.separator(']')) return;
    }
  }

  /** After a member: true at the closing bracket, false after a comma followed by more. */
  private separator(close: string): boolean {
    this.space();
    const ch = this.text[this.i];
    if (ch === close) return (this.i++, true);
    if (ch !== ',') this.fail(ch === undefined ? `unexpected end of file (missing ${close})` : `expected , or ${close}`);
    const comma = this.i++;
    this.space();
    if (this.text[this.i] === close) this.fail(`trailing comma before ${close} (JSON does not allow it)`, comma);
    return false;
  }

  private string(): void {
    const open = this.i++;
    while (this.i < this.text.length) {
      const ch = this.text[this.i];
      if (ch === '"') return void this.i++;
      if (ch < ' ') this.fail('control character inside a string (write \\n or \\t)');
      if (ch === '\\') this.escape();
      else this.i++;
    }
    this.fail('unterminated string (add the closing ")', open);
  }

  private escape(): void {
    const next = this.text[this.i + 1];
    if (next !== undefined && '"\\/bfnrt'.includes(next)) return void (this.i += 2);
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) return void (this.i += 6);
    this.fail(`invalid escape \\${next ?? ''} in a string (write \\\\ for a backslash)`);
  }

  private number(): void {
    const pattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    pattern.lastIndex = this.i;
    if (!pattern.exec(this.text)) this.fail('invalid number');
    this.i = pattern.lastIndex;
  }
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The first syntax error in `text` with its 1-based line and column, or undefined if valid. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    new Scanner(text).run();
    return undefined;
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    return { ...lineAndColumn(text, e.index), message: e.message };
  }
}
