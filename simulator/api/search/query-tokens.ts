/**
 * A token of a visibility query; `end` is its end offset in the trimmed query (for the parser's
 * error positions).
 *
 * @example
 * const token: QueryToken = { kind: 'ident', text: 'WorkflowId', end: 10 };
 */
export interface QueryToken {
  kind: 'ident' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';
  text: string;
  end: number;
}

const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>'];

/**
 * Splits a visibility query into tokens, or answers the offset where it cannot.
 *
 * @example
 * tokenize("WorkflowId = 'a'"); // [ident WorkflowId, op =, string a, eof]
 */
export function tokenize(query: string): QueryToken[] | { errorAt: number } {
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < query.length && query[j] !== c) {
        if (query[j] === '\\' && j + 1 < query.length) j++;
        text += query[j];
        j++;
      }
      if (j >= query.length) return { errorAt: query.length };
      tokens.push({ kind: 'string', text, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, end: i + 1 });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => query.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, end: i + op.length });
      i += op.length;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(query.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], end: i + number[0].length });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(i));
    if (!ident) return { errorAt: i + 1 };
    tokens.push({ kind: 'ident', text: ident[0], end: i + ident[0].length });
    i += ident[0].length;
  }
  tokens.push({ kind: 'eof', text: '', end: query.length });
  return tokens;
}
