// A vite plugin for the single file: the indentation inside the elements' html`…` / svg`…` literals
// goes (a run of whitespace holding a line break becomes that many line breaks, nothing else).
// Whitespace between tags collapses to one space when rendered either way, so what shows is the same;
// the templates that need exact whitespace (white-space: pre-wrap / pre-line) hold none of their own.
// Line breaks are kept, so every line stays where it was: the module keeps its source map lines
// (`map: null`: only columns after a trimmed run move). Found with TypeScript's parser, not a regex:
// a template's `${…}` can hold strings, comments and nested templates.
import ts from 'typescript';

const ELEMENT_MODULE = /\/packages\/elements\/src\/.*(?<!\.styles|\.test)\.ts$/;
const TAGS = new Set(['html', 'svg']);

/** Each line break keeps its place; the spaces and tabs around line breaks go. */
export function trimTemplateText(text) {
  return text.replace(/[ \t]*\n[ \t\n]*/g, (run) => '\n'.repeat(run.split('\n').length - 1));
}

/** The [start, end) offsets of each literal piece's text in a tagged template (delimiters excluded). */
function pieces(node, source) {
  const t = node.template;
  const inner = (lit, closeLen) => [lit.getStart(source) + 1, lit.end - closeLen];
  if (ts.isNoSubstitutionTemplateLiteral(t)) return [inner(t, 1)];
  return [inner(t.head, 2), ...t.templateSpans.map((s) => inner(s.literal, ts.isTemplateTail(s.literal) ? 1 : 2))];
}

export function trimHtmlLiterals(code, id) {
  const source = ts.createSourceFile(id, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const ranges = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) ranges.push(...pieces(node, source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = '';
  let at = 0;
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    out += code.slice(at, start) + trimTemplateText(code.slice(start, end));
    at = end;
  }
  return out + code.slice(at);
}

/** @returns {import('vite').Plugin} */
export function trimHtmlLiteralsPlugin() {
  return {
    name: 'case-portal:trim-html-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!ELEMENT_MODULE.test(id) || !/\b(html|svg)`/.test(code)) return null;
      return { code: trimHtmlLiterals(code, id), map: null };
    },
  };
}
