// A vite plugin for the single file: the css`…` literals of the elements' style modules
// (*.styles.ts, styles/*.ts) lose their comments and indentation. Vite's minifier leaves template
// literals as they are, and the styles are about a quarter of every file's bytes.
// Conservative on purpose: only comments and whitespace go; a space is kept wherever CSS could need it
// (descendant combinators, `calc(a + b)`, `.a :hover`); the style modules hold no `${}` (checked).
const STYLE_MODULE = /\/packages\/elements\/src\/(?:styles\/[^/]+|[^/]+\/[^/]+\.styles)\.ts$/;

/** Minifies one literal's text: comments out, whitespace runs to one space, none around { } ; and after : , */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .replace(/([:,])\s+/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

/** @returns {import('vite').Plugin} */
export function minifyCssLiterals() {
  return {
    name: 'case-portal:minify-css-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!STYLE_MODULE.test(id)) return null;
      if (/css`[^`]*\$\{/.test(code)) this.error(`${id}: a css\`\` literal with \${}: minify-css-literals cannot keep it`);
      // An empty map: the module's bytes stay unmapped in the single file's source maps, as before.
      return { code: code.replace(/css`([^`]*)`/g, (_, text) => `css\`${minifyCss(text)}\``), map: { mappings: '' } };
    },
  };
}
