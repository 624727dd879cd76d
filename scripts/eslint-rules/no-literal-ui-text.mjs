// ESLint rule "case-portal/no-literal-ui-text": an element's template may not hold words of its
// own. Text between tags in an html`` (or svg``) template, and the value of an aria-label, title,
// placeholder or alt attribute, must come from the catalog (`this.t(key)`), never be written in
// the template: a literal is English on every page (issue 14). Words are two or more letters in
// any script; punctuation, symbols (×, ↓, *), entities and bindings are fine.
const LABELS = /\b(aria-label|title|placeholder|alt|aria-description|aria-roledescription)\s*=\s*("([^"]*)"|'([^']*)')/gi;
const MARK = '\u0000'; // where a binding (${…}) stood
const WORDS = /\p{L}{2,}/u;

/** The template's static text with each binding as MARK, and where each quasi starts in it. */
function joined(quasi) {
  let text = '';
  const starts = [];
  quasi.quasis.forEach((q, i) => {
    starts.push({ at: text.length, node: q });
    text += q.value.cooked ?? q.value.raw;
    if (i < quasi.quasis.length - 1) text += MARK;
  });
  return { text, starts };
}

/** The words a template writes itself: [offset, text] for each text run and labelling attribute. */
export function literalText(text) {
  const found = [];
  let i = 0;
  let run = '';
  let runStart = 0;
  const flush = () => {
    const words = run.replace(/&[#\w]+;/g, '').replaceAll(MARK, ' ');
    if (WORDS.test(words)) found.push([runStart, run.replaceAll(MARK, '${…}').trim()]);
    run = '';
  };
  while (i < text.length) {
    if (text.startsWith('<!--', i)) {
      flush();
      const end = text.indexOf('-->', i);
      i = end < 0 ? text.length : end + 3;
      runStart = i;
      continue;
    }
    if (text[i] === '<') {
      flush();
      // A tag: up to its closing '>' outside quotes.
      let j = i + 1;
      let quote = '';
      while (j < text.length && (quote || text[j] !== '>')) {
        if (quote && text[j] === quote) quote = '';
        else if (!quote && (text[j] === '"' || text[j] === "'")) quote = text[j];
        j++;
      }
      const tag = text.slice(i, j + 1);
      for (const m of tag.matchAll(LABELS)) {
        const value = (m[3] ?? m[4] ?? '').replaceAll(MARK, ' ');
        if (WORDS.test(value)) found.push([i + (m.index ?? 0), m[0].replaceAll(MARK, '${…}')]);
      }
      // <style> and <script> hold no UI text.
      const raw = /^<(style|script)\b/i.exec(tag);
      i = j + 1;
      if (raw) {
        const close = text.toLowerCase().indexOf(`</${raw[1].toLowerCase()}`, i);
        i = close < 0 ? text.length : close;
      }
      runStart = i;
      continue;
    }
    if (!run) runStart = i;
    run += text[i];
    i++;
  }
  flush();
  return found;
}

export const noLiteralUiText = {
  meta: {
    type: 'problem',
    docs: { description: 'UI text in element templates comes from the message catalog, never a literal' },
    schema: [],
    messages: { literal: 'Literal UI text in a template: "{{text}}". Put it in the catalog (i18n/en/) and use this.t(key).' },
  },
  create(context) {
    return {
      TaggedTemplateExpression(node) {
        const tag = node.tag.type === 'Identifier' ? node.tag.name : node.tag.type === 'MemberExpression' ? node.tag.property.name : '';
        if (tag !== 'html' && tag !== 'svg') return;
        const { text, starts } = joined(node.quasi);
        for (const [offset, words] of literalText(text)) {
          const start = [...starts].reverse().find((s) => s.at <= offset);
          // The quasi's text starts after its backtick or its "}"; escapes may shift it a little.
          const loc = start ? context.sourceCode.getLocFromIndex(start.node.range[0] + 1 + (offset - start.at)) : node.loc.start;
          context.report({ loc, messageId: 'literal', data: { text: words.length > 60 ? `${words.slice(0, 57)}…` : words } });
        }
      },
    };
  },
};

export default { rules: { 'no-literal-ui-text': noLiteralUiText } };
