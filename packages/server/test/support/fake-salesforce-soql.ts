/**
 * The small SOQL subset the fake Salesforce understands, parsed strictly (Salesforce SOQL and SOSL
 * Reference, https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/):
 *   SELECT field[, field…] FROM Object [WHERE condition] [ORDER BY field [ASC|DESC][, …]] [LIMIT n]
 * where a field may be one relationship hop (`Contact.Name`), and a condition is comparisons
 * (= != < > <= >= IN (…)) joined by AND or by OR (mixing them needs parentheses, as in SOQL).
 * Anything else is refused with MALFORMED_QUERY, as Salesforce refuses what it cannot parse.
 */
export type Literal = { kind: 'string'; value: string } | { kind: 'number'; value: number } | { kind: 'boolean'; value: boolean } | { kind: 'null' } | { kind: 'datetime'; value: number };
export type Condition =
  | { kind: 'cmp'; field: string; op: '=' | '!=' | '<' | '>' | '<=' | '>='; value: Literal }
  | { kind: 'in'; field: string; values: Literal[] }
  | { kind: 'and'; parts: Condition[] }
  | { kind: 'or'; parts: Condition[] };

export interface Soql {
  fields: string[];
  from: string;
  where: Condition | null;
  orderBy: { field: string; dir: 'ASC' | 'DESC' }[];
  limit: number | null;
}

export class SoqlError extends Error {
  constructor(
    readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR',
    message: string,
  ) {
    super(message);
  }
}

type Token = { t: 'word'; v: string } | { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'dt'; v: number } | { t: 'op'; v: string } | { t: 'punct'; v: string };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})/;

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const dt = DATETIME.exec(q.slice(i));
    if (dt) {
      out.push({ t: 'dt', v: Date.parse(dt[0]) });
      i += dt[0].length;
      continue;
    }
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= q.length) throw new SoqlError('MALFORMED_QUERY', 'unterminated string literal');
        const d = q[i]!;
        if (d === '\\') {
          const e = q[i + 1];
          const map: Record<string, string> = { "'": "'", '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', _: '\\_', '%': '\\%' };
          if (e === undefined || !(e in map)) throw new SoqlError('MALFORMED_QUERY', `Invalid string literal: illegal escape sequence \\${e ?? ''}`);
          v += map[e];
          i += 2;
          continue;
        }
        if (d === "'") {
          i++;
          break;
        }
        v += d;
        i++;
      }
      out.push({ t: 'str', v });
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(q.slice(i));
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>)/.exec(q.slice(i));
    if (op) {
      out.push({ t: 'op', v: op[0] === '<>' ? '!=' : op[0] });
      i += op[0].length;
      continue;
    }
    if (c === ',' || c === '(' || c === ')') {
      out.push({ t: 'punct', v: c });
      i++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?/.exec(q.slice(i));
    if (word) {
      out.push({ t: 'word', v: word[0] });
      i += word[0].length;
      continue;
    }
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${c}'`);
  }
  return out;
}

const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'ORDER', 'BY', 'ASC', 'DESC', 'LIMIT', 'AND', 'OR', 'IN', 'NOT', 'LIKE', 'NULLS', 'FIRST', 'LAST', 'GROUP', 'HAVING', 'OFFSET', 'TRUE', 'FALSE', 'NULL']);

export function parseSoql(q: string): Soql {
  const toks = tokenize(q);
  let i = 0;
  const peek = () => toks[i];
  const show = (t: Token | undefined) => (t ? String(t.v) : '<EOF>');
  const isWord = (w: string) => {
    const t = peek();
    return t?.t === 'word' && t.v.toUpperCase() === w;
  };
  const expectWord = (w: string) => {
    if (!isWord(w)) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${show(peek())}' (expected ${w})`);
    i++;
  };
  const field = (): string => {
    const t = peek();
    if (t?.t !== 'word' || KEYWORDS.has(t.v.toUpperCase())) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${show(t)}'`);
    i++;
    return t.v;
  };
  const literal = (): Literal => {
    const t = peek();
    i++;
    if (t?.t === 'str') return { kind: 'string', value: t.v };
    if (t?.t === 'num') return { kind: 'number', value: t.v };
    if (t?.t === 'dt') return { kind: 'datetime', value: t.v };
    if (t?.t === 'word' && t.v.toUpperCase() === 'TRUE') return { kind: 'boolean', value: true };
    if (t?.t === 'word' && t.v.toUpperCase() === 'FALSE') return { kind: 'boolean', value: false };
    if (t?.t === 'word' && t.v.toUpperCase() === 'NULL') return { kind: 'null' };
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${show(t)}'`);
  };
  const term = (): Condition => {
    const t = peek();
    if (t?.t === 'punct' && t.v === '(') {
      i++;
      const inner = condition();
      const close = peek();
      if (close?.t !== 'punct' || close.v !== ')') throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${show(close)}' (expected ')')`);
      i++;
      return inner;
    }
    const f = field();
    if (isWord('IN')) {
      i++;
      const open = peek();
      if (open?.t !== 'punct' || open.v !== '(') throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${show(open)}'`);
      i++;
      const values: Literal[] = [literal()];
      while (peek()?.t === 'punct' && peek()!.v === ',') {
        i++;
        values.push(literal());
      }
      const close = peek();
      if (close?.t !== 'punct' || close.v !== ')') throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${show(close)}'`);
      i++;
      return { kind: 'in', field: f, values };
    }
    const op = peek();
    if (op?.t !== 'op') throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${show(op)}'`);
    i++;
    return { kind: 'cmp', field: f, op: op.v as '=', value: literal() };
  };
  const condition = (): Condition => {
    const first = term();
    let joiner: 'and' | 'or' | null = null;
    const parts = [first];
    while (isWord('AND') || isWord('OR')) {
      const j = (peek() as { v: string }).v.toLowerCase() as 'and' | 'or';
      if (joiner && joiner !== j) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${j.toUpperCase()}' (use parentheses to mix AND and OR)`);
      joiner = j;
      i++;
      parts.push(term());
    }
    return joiner ? ({ kind: joiner, parts } as Condition) : first;
  };

  expectWord('SELECT');
  const fields = [field()];
  while (peek()?.t === 'punct' && peek()!.v === ',') {
    i++;
    fields.push(field());
  }
  expectWord('FROM');
  const from = field();
  let where: Condition | null = null;
  if (isWord('WHERE')) {
    i++;
    where = condition();
  }
  const orderBy: Soql['orderBy'] = [];
  if (isWord('ORDER')) {
    i++;
    expectWord('BY');
    for (;;) {
      const f = field();
      let dir: 'ASC' | 'DESC' = 'ASC';
      if (isWord('ASC') || isWord('DESC')) {
        dir = (peek() as { v: string }).v.toUpperCase() as 'ASC';
        i++;
      }
      orderBy.push({ field: f, dir });
      if (peek()?.t === 'punct' && peek()!.v === ',') {
        i++;
        continue;
      }
      break;
    }
  }
  let limit: number | null = null;
  if (isWord('LIMIT')) {
    i++;
    const n = peek();
    if (n?.t !== 'num' || !Number.isInteger(n.v) || n.v < 0) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${show(n)}'`);
    limit = n.v;
    i++;
  }
  if (i < toks.length) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${show(peek())}'`);
  return { fields, from, where, orderBy, limit };
}
