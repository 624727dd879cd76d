/**
 * The `$filter` subset the fake Creatio understands, parsed strictly (OData 4 URL conventions,
 * http://docs.oasis-open.org/odata/odata/v4.01/odata-v4.01-part2-url-conventions.html#sec_SystemQueryOptionfilter):
 * comparisons `path eq|ne|gt|ge|lt|le literal`, `and`, `or`, `not`, parentheses and
 * `contains(path, 'text')`; a path is a property or one navigation step (`Contact/Id`); literals are
 * 'strings' (quotes doubled), GUIDs, numbers, true, false, null and ISO date-times, all unquoted as
 * OData 4 writes them. Anything else is a syntax error the fake answers with a 400.
 */
export type Literal = string | number | boolean | null | { guid: string } | { datetime: string };
export type FilterNode =
  | { op: 'and'; left: FilterNode; right: FilterNode }
  | { op: 'or'; left: FilterNode; right: FilterNode }
  | { op: 'not'; operand: FilterNode }
  | { op: 'cmp'; cmp: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; path: string[]; value: Literal }
  | { op: 'contains'; path: string[]; value: string };

export class FilterSyntaxError extends Error {}

const TOKEN = /\s*(?:(\()|(\))|(,)|('(?:[^']|'')*')|([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![\w-])|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))|(-?\d+(?:\.\d+)?)(?![\w])|([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*))/y;

type Token = { kind: '(' | ')' | ',' | 'string' | 'guid' | 'datetime' | 'number' | 'word'; text: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) throw new FilterSyntaxError(`Syntax error at position ${at} in '${src}'.`);
    if (m[1]) out.push({ kind: '(', text: '(' });
    else if (m[2]) out.push({ kind: ')', text: ')' });
    else if (m[3]) out.push({ kind: ',', text: ',' });
    else if (m[4]) out.push({ kind: 'string', text: m[4].slice(1, -1).replace(/''/g, "'") });
    else if (m[5]) out.push({ kind: 'guid', text: m[5].toLowerCase() });
    else if (m[6]) out.push({ kind: 'datetime', text: m[6] });
    else if (m[7]) out.push({ kind: 'number', text: m[7] });
    else out.push({ kind: 'word', text: m[8]! });
  }
  return out;
}

export function parseFilter(src: string): FilterNode {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const fail = (what: string): never => {
    throw new FilterSyntaxError(`Syntax error: ${what} at token ${i} in '${src}'.`);
  };
  const expect = (kind: Token['kind']) => (peek()?.kind === kind ? tokens[i++]! : fail(`expected ${kind}`));
  const isWord = (w: string) => peek()?.kind === 'word' && peek()!.text === w;

  const literal = (): Literal => {
    const t = tokens[i++] ?? fail('expected a literal');
    if (t.kind === 'string') return t.text;
    if (t.kind === 'guid') return { guid: t.text };
    if (t.kind === 'datetime') return { datetime: t.text };
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'word' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
    if (t.kind === 'word' && t.text === 'null') return null;
    return fail(`'${t.text}' is not a literal`);
  };
  const primary = (): FilterNode => {
    if (peek()?.kind === '(') {
      i++;
      const e = or();
      expect(')');
      return e;
    }
    if (isWord('not')) {
      i++;
      return { op: 'not', operand: primary() };
    }
    if (isWord('contains')) {
      i++;
      expect('(');
      const path = expect('word').text.split('/');
      expect(',');
      const v = expect('string').text;
      expect(')');
      return { op: 'contains', path, value: v };
    }
    const path = expect('word').text.split('/');
    if (path.length > 2) fail('only one navigation step is supported');
    const cmp = expect('word').text;
    if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(cmp)) fail(`'${cmp}' is not a supported operator`);
    return { op: 'cmp', cmp: cmp as 'eq', path, value: literal() };
  };
  const and = (): FilterNode => {
    let left = primary();
    while (isWord('and')) {
      i++;
      left = { op: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): FilterNode => {
    let left = and();
    while (isWord('or')) {
      i++;
      left = { op: 'or', left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (i !== tokens.length) fail('unexpected text after the expression');
  return tree;
}
