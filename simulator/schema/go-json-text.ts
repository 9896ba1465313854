/**
 * JSON text read as Go's `encoding/json` reads it, so the simulator refuses what the real server
 * refuses and says so in Go's words: its syntax error texts (`invalid character 'x' looking for
 * beginning of value`, `unexpected end of JSON input`), its nesting limit (`exceeded max depth`,
 * 10,000 levels, where JavaScript would overflow its stack further on), and number literals written
 * with a fraction or an exponent (`10.0`, `1e2`), which Go refuses for integer fields although
 * their value is whole. The scan is a loop, never a recursion.
 *
 * @example
 * readGoJson('{"a":1} trailing', 'first-value'); // { value: { a: 1 } }
 * readGoJson('{"a":1} trailing', 'whole'); // { problem: "invalid character 't' after top-level value" }
 */
export type GoJsonRead = { value: unknown; problem?: undefined } | { problem: string };

/** Go's `maxNestingDepth` of its JSON scanner. */
export const GO_MAX_JSON_DEPTH = 10_000;

/**
 * A number literal whose text matters to Go: a whole value written with a fraction or an exponent
 * (`10.0`, `1e2`: a float field takes it, an integer field refuses it), an integer beyond 2^53
 * (checked exactly against int64, where JavaScript would round it), or one out of float range.
 *
 * @example
 * new ExactNumberLiteral('1e2').value; // 100
 */
export class ExactNumberLiteral {
  readonly value: number;
  /** Written as an integer (no fraction, no exponent). */
  readonly isInteger: boolean;
  constructor(readonly literal: string) {
    this.value = Number(literal);
    this.isInteger = !/[.eE]/.test(literal);
  }
  /** Serialised as the number it is. @example JSON.stringify(new ExactNumberLiteral('1e2')) // '100' */
  toJSON(): number {
    return this.value;
  }
}

/**
 * Parses `text`: `first-value` reads the first JSON value and ignores what follows (Go's
 * `Decoder.Decode`, used by the server for client bodies); `whole` needs the text to hold one value
 * (Go's `Unmarshal`, used for worker answers).
 *
 * @example
 * readGoJson('{"durationSeconds":10.0}', 'whole'); // { value: { durationSeconds: ExactNumberLiteral('10.0') } }
 */
export function readGoJson(text: string, mode: 'first-value' | 'whole'): GoJsonRead {
  // Fast path, for nearly every body: JavaScript's own parser gives Go's value when the text is
  // too short to nest past Go's limit and holds no number literal whose text matters. Anything it
  // refuses (a syntax error, trailing text) goes to the scan, which says what Go says.
  if (text.length < FAST_PARSE_MAX_LENGTH && !MAY_HOLD_EXACT_NUMBER.test(text)) {
    try {
      return { value: JSON.parse(text) };
    } catch {
      // The scan finds Go's text, or the first value of a 'first-value' read.
    }
  }
  return readGoJsonByScanning(text, mode);
}

/**
 * `readGoJson` without its fast path: Go's scan of the whole text, then the parse. Exported as the
 * reference the fast path is tested against.
 *
 * @example
 * readGoJsonByScanning('{"a":1} trailing', 'first-value'); // { value: { a: 1 } }
 */
export function readGoJsonByScanning(text: string, mode: 'first-value' | 'whole'): GoJsonRead {
  const scan = scanGoJson(text, mode);
  if ('problem' in scan) return scan;
  const body = scan.end === text.length ? text : text.slice(0, scan.end);
  if (scan.exactNumbers.length === 0) return { value: JSON.parse(body) };
  return { value: parseMarkingExactNumbers(body, scan.exactNumbers) };
}

// Nesting deeper than Go's limit takes two characters a level.
const FAST_PARSE_MAX_LENGTH = 2 * GO_MAX_JSON_DEPTH;
// A digit before a fraction or an exponent, or 16 digits in a row (beyond 2^53 takes 16): such a
// literal may need to stay an ExactNumberLiteral. Strings can match too; they only cost the scan.
const MAY_HOLD_EXACT_NUMBER = /[0-9][.eE]|[0-9]{16}/;

const MARK = `\u0000whole-float-${Math.random().toString(36).slice(2)}:`;
// The mark as JSON string text (a raw control character is not allowed there).
const MARK_TEXT = MARK.replace('\u0000', '\\u0000');

// Each such literal becomes a marked string, turned back into an ExactNumberLiteral.
function parseMarkingExactNumbers(body: string, spans: readonly number[]): unknown {
  let marked = '';
  let at = 0;
  for (let i = 0; i < spans.length; i += 2) {
    marked += `${body.slice(at, spans[i])}"${MARK_TEXT}${body.slice(spans[i], spans[i + 1])}"`;
    at = spans[i + 1]!;
  }
  marked += body.slice(at);
  return JSON.parse(marked, (_key, value) =>
    typeof value === 'string' && value.startsWith(MARK)
      ? new ExactNumberLiteral(value.slice(MARK.length))
      : value,
  );
}

interface Scan {
  end: number;
  /** Start and end offsets of each literal kept as an ExactNumberLiteral, flattened. */
  exactNumbers: number[];
}

const WS = new Set([' ', '\t', '\r', '\n']);

/** Validates like Go's scanner; the end offset of the first value, or Go's error text. */
function scanGoJson(text: string, mode: 'first-value' | 'whole'): Scan | { problem: string } {
  // The containers open at each point: '{' or '['.
  const stack: string[] = [];
  const exactNumbers: number[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  // What the scanner expects next.
  let expect: 'value' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end' = 'value';
  for (;;) {
    if (expect === 'comma-or-end' && stack.length === 0) break;
    skipSpace();
    if (i >= text.length) return { problem: 'unexpected end of JSON input' };
    const c = text[i]!;
    if (expect === 'value' || expect === 'key-or-end' || expect === 'key') {
      if (expect === 'key-or-end' && c === '}') {
        stack.pop();
        i++;
        expect = 'comma-or-end';
      } else if (expect !== 'value' && c !== '"') {
        return invalid(c, 'looking for beginning of object key string');
      } else if (c === '{' || c === '[') {
        if (stack.length >= GO_MAX_JSON_DEPTH) return { problem: 'exceeded max depth' };
        stack.push(c);
        i++;
        if (c === '{') expect = 'key-or-end';
        else {
          skipSpace();
          if (text[i] === ']') {
            stack.pop();
            i++;
            expect = 'comma-or-end';
          } else expect = 'value';
        }
      } else {
        const isKey: boolean = expect !== 'value';
        const problem = c === '"' ? scanString(text, i) : scanLiteral(text, i, exactNumbers);
        if (typeof problem === 'string') return { problem };
        i = problem;
        expect = isKey ? 'colon' : 'comma-or-end';
      }
    } else if (expect === 'colon') {
      if (c !== ':') return invalid(c, 'after object key');
      i++;
      expect = 'value';
    } else {
      const top = stack[stack.length - 1]!;
      if (c === ',') {
        i++;
        expect = top === '{' ? 'key' : 'value';
        continue;
      }
      if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
        stack.pop();
        i++;
        continue;
      }
      return invalid(c, top === '{' ? 'after object key:value pair' : 'after array element');
    }
  }
  const end = i;
  if (mode === 'whole') {
    skipSpace();
    if (i < text.length) return invalid(text[i]!, 'after top-level value');
  }
  return { end, exactNumbers };
}

// The offset after a string starting at `start`, or Go's error text.
function scanString(text: string, start: number): number | string {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return invalid(text[i]!, 'in string literal').problem;
    if (c !== 0x5c) continue;
    const e = text[++i];
    if (e === undefined) break;
    if (e === 'u') {
      for (let k = 1; k <= 4; k++) {
        const h = text[i + k];
        if (h === undefined) return 'unexpected end of JSON input';
        if (!/[0-9a-fA-F]/.test(h)) return invalid(h, 'in \\u hexadecimal character escape').problem;
      }
      i += 4;
    } else if (!'"\\/bfnrt'.includes(e)) return invalid(e, 'in string escape code').problem;
  }
  return 'unexpected end of JSON input';
}

const LITERALS: Readonly<Record<string, string>> = { t: 'true', f: 'false', n: 'null' };

// The offset after a number or true/false/null at `start`, or Go's error text.
function scanLiteral(text: string, start: number, exactNumbers: number[]): number | string {
  const c = text[start]!;
  const word = LITERALS[c];
  if (word !== undefined) {
    for (let k = 1; k < word.length; k++) {
      const got = text[start + k];
      if (got === undefined) return 'unexpected end of JSON input';
      if (got !== word[k]) return invalid(got, `in literal ${word} (expecting '${word[k]}')`).problem;
    }
    return start + word.length;
  }
  const match = NUMBER.exec(text.slice(start, start + 400));
  if (!match || match[0] === '' || match[0] === '-') {
    if (c === '-') {
      const next = text[start + 1];
      return next === undefined
        ? 'unexpected end of JSON input'
        : invalid(next, 'in numeric literal').problem;
    }
    return invalid(c, 'looking for beginning of value').problem;
  }
  const literal = match[0];
  const end = start + literal.length;
  const next = text[end];
  if (match[2] === '' || match[4] === '') {
    // A '.' or an exponent with no digits after it.
    if (next === undefined) return 'unexpected end of JSON input';
    return invalid(
      next,
      match[2] === '' ? 'after decimal point in numeric literal' : 'in exponent of numeric literal',
    ).problem;
  }
  const value = Number(literal);
  const plainInteger = match[1] === undefined && match[3] === undefined;
  if (plainInteger ? !Number.isSafeInteger(value) : Number.isInteger(value) || !Number.isFinite(value))
    exactNumbers.push(start, end);
  return end;
}

// -?int, then optional fraction (group 2: its digits) and exponent (group 4: its digits).
const NUMBER = /^-?(?:0|[1-9][0-9]*)(\.([0-9]*))?([eE][+-]?([0-9]*))?/;

function invalid(c: string, context: string): { problem: string } {
  return { problem: `invalid character ${quoteChar(c)} ${context}` };
}

// Go's quoteChar: '\'' and '"' as themselves, others as strconv.Quote would write them.
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const code = c.charCodeAt(0);
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
  if (named[c]) return `'${named[c]}'`;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  if (c === '\\') return `'\\\\'`;
  return `'${c}'`;
}
