import { type QueryToken, tokenize } from './query-tokens.ts';

/** A literal of a query: text as written (quoted or not). */
export interface QueryLiteral {
  text: string;
  quoted: boolean;
}

/**
 * A parsed visibility query.
 *
 * @example
 * const node: QueryNode = { kind: 'compare', name: 'WorkflowId', op: '=', values: [{ text: 'a', quoted: true }] };
 */
export type QueryNode =
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { kind: 'not'; inner: QueryNode }
  | { kind: 'compare'; name: string; op: string; values: QueryLiteral[] };

// Temporal parses `select * from table1 where <query>`: error positions count that prefix.
const PREFIX_LENGTH = 'select * from table1 where '.length;

/**
 * Parses the query forms users write (`=`, `!=`, `<>`, `<`, `<=`, `>`, `>=`, AND, OR, NOT,
 * parentheses, IN, BETWEEN, STARTS_WITH, IS [NOT] NULL) or answers the real server's error text.
 *
 * @example
 * parseQuery("WorkflowType = 'Interpreter' AND CustomIntField > 3");
 */
export function parseQuery(query: string): QueryNode | undefined | string {
  const trimmed = query.trim();
  if (trimmed === '') return undefined;
  const tokens = tokenize(trimmed);
  if (!Array.isArray(tokens)) return syntaxError(tokens.errorAt);
  const orderBy = tokens.findIndex(
    (t, i) => isWord(t, 'ORDER') && tokens[i + 1] !== undefined && isWord(tokens[i + 1]!, 'BY'),
  );
  // Also a query that is only an ORDER BY (measured).
  if (orderBy >= 0) return "invalid query: operation is not supported: 'ORDER BY' clause";
  const parser = new Parser(tokens);
  const node = parser.parseOr();
  if (typeof node === 'string') return node;
  if (parser.peek().kind !== 'eof') return syntaxError(parser.peek().end);
  return node;
}

/**
 * How deep a parsed query's expression tree is (a chain of n ANDs or NOTs is n deep), counted in a
 * loop. Temporal's visibility store cannot run a query nested about a thousand deep: its request
 * then runs into the server's 10 s deadline (measured), which the search handler reproduces.
 *
 * @example
 * queryDepth(parseQuery("NOT NOT WorkflowId = 'a'") as QueryNode); // 3
 */
export function queryDepth(root: QueryNode): number {
  let deepest = 0;
  const stack: [QueryNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (node.kind === 'not') stack.push([node.inner, depth + 1]);
    else if (node.kind === 'and' || node.kind === 'or')
      stack.push([node.left, depth + 1], [node.right, depth + 1]);
  }
  return deepest;
}

function syntaxError(end: number): string {
  return `invalid query: malformed SQL query: syntax error at position ${PREFIX_LENGTH + end + 1}`;
}

function isWord(token: QueryToken, word: string): boolean {
  return token.kind === 'ident' && token.text.toUpperCase() === word;
}

const MAX_PARENTHESES = 200;

class Parser {
  private index = 0;
  private parentheses = 0;

  constructor(private readonly tokens: QueryToken[]) {}

  peek(): QueryToken {
    return this.tokens[this.index]!;
  }

  private next(): QueryToken {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  parseOr(): QueryNode | string {
    let left = this.parseAnd();
    while (typeof left !== 'string' && isWord(this.peek(), 'OR')) {
      this.next();
      const right = this.parseAnd();
      if (typeof right === 'string') return right;
      left = { kind: 'or', left, right };
    }
    return left;
  }

  private parseAnd(): QueryNode | string {
    let left = this.parseUnary();
    while (typeof left !== 'string' && isWord(this.peek(), 'AND')) {
      this.next();
      const right = this.parseUnary();
      if (typeof right === 'string') return right;
      left = { kind: 'and', left, right };
    }
    return left;
  }

  private parseUnary(): QueryNode | string {
    // A run of NOTs in a loop: thousands of them must not grow the stack.
    let nots = 0;
    while (isWord(this.peek(), 'NOT')) {
      this.next();
      nots++;
    }
    let node = this.parseOperand();
    if (typeof node === 'string') return node;
    for (; nots > 0; nots--) node = { kind: 'not', inner: node };
    return node;
  }

  private parseOperand(): QueryNode | string {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.next();
      // Temporal's SQL parser stops at 200 nested parentheses (measured), at the 200th.
      if (++this.parentheses >= MAX_PARENTHESES)
        return `invalid query: malformed SQL query: max nesting level reached at position ${PREFIX_LENGTH + token.end + 1}`;
      const inner = this.parseOr();
      this.parentheses--;
      if (typeof inner === 'string') return inner;
      const close = this.next();
      if (close.kind !== 'rparen') return syntaxError(close.end);
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): QueryNode | string {
    const name = this.next();
    if (name.kind !== 'ident') return syntaxError(name.end);
    let negate = false;
    if (isWord(this.peek(), 'NOT')) {
      this.next();
      negate = true;
    }
    const opToken = this.next();
    let node: QueryNode | string;
    if (opToken.kind === 'op' && !negate) {
      const value = this.literal();
      if (typeof value === 'string') return value;
      return {
        kind: 'compare',
        name: name.text,
        op: opToken.text === '<>' ? '!=' : opToken.text,
        values: [value],
      };
    }
    const word = opToken.kind === 'ident' ? opToken.text.toUpperCase() : '';
    if (word === 'IN') node = this.parseIn(name.text);
    else if (word === 'BETWEEN') node = this.parseBetween(name.text);
    else if (word === 'STARTS_WITH' && !negate) {
      const value = this.literal();
      node =
        typeof value === 'string'
          ? value
          : { kind: 'compare', name: name.text, op: 'starts_with', values: [value] };
    } else if (word === 'IS' && !negate) {
      const not = isWord(this.peek(), 'NOT');
      if (not) this.next();
      const nullToken = this.next();
      if (!isWord(nullToken, 'NULL')) return syntaxError(nullToken.end);
      node = { kind: 'compare', name: name.text, op: not ? 'is not null' : 'is null', values: [] };
    } else if (word === 'LIKE' && !negate) {
      const value = this.literal();
      if (typeof value === 'string') return value;
      return `invalid query: invalid expression: invalid operator 'like' in \`${name.text} like '${value.text}'\``;
    } else return syntaxError(opToken.end);
    if (typeof node === 'string' || !negate) return node;
    return { kind: 'not', inner: node };
  }

  private parseIn(name: string): QueryNode | string {
    const open = this.next();
    if (open.kind !== 'lparen') return syntaxError(open.end);
    const values: QueryLiteral[] = [];
    for (;;) {
      const value = this.literal();
      if (typeof value === 'string') return value;
      values.push(value);
      const separator = this.next();
      if (separator.kind === 'rparen') break;
      if (separator.kind !== 'comma') return syntaxError(separator.end);
    }
    return { kind: 'compare', name, op: 'in', values };
  }

  private parseBetween(name: string): QueryNode | string {
    const low = this.literal();
    if (typeof low === 'string') return low;
    const and = this.next();
    if (!isWord(and, 'AND')) return syntaxError(and.end);
    const high = this.literal();
    if (typeof high === 'string') return high;
    return { kind: 'compare', name, op: 'between', values: [low, high] };
  }

  private literal(): QueryLiteral | string {
    const token = this.next();
    if (token.kind === 'string') return { text: token.text, quoted: true };
    if (token.kind === 'number') return { text: token.text, quoted: false };
    if (isWord(token, 'TRUE') || isWord(token, 'FALSE'))
      return { text: token.text.toLowerCase(), quoted: false };
    return syntaxError(token.end);
  }
}
