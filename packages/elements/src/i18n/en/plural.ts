import type { Params } from '../types.js';

/** A plural message through Intl.PluralRules: plural({ one: '# case', other: '# cases' }). */
export function plural(forms: { one?: string; other: string; zero?: string }, param = 'count') {
  return (p: Params, locale: string): string => {
    const n = Number(p[param] ?? 0);
    const nf = formatCount(n, locale);
    const rule = n === 0 && forms.zero ? 'zero' : pluralRules(locale).select(n);
    const form = (rule === 'zero' ? forms.zero : rule === 'one' ? forms.one : undefined) ?? forms.other;
    return form.replace('#', nf);
  };
}

// Intl objects are costly to create (a fresh NumberFormat took longer than the rest of a
// keystroke's render): a list renders counts on every update.
const numberFormats = new Map<string, Intl.NumberFormat>();
const rules = new Map<string, Intl.PluralRules>();
/** A count in the locale's digits and grouping ("1,234"), with a formatter kept per locale. */
export function formatCount(n: number, locale: string): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f.format(n);
}
function pluralRules(locale: string): Intl.PluralRules {
  let r = rules.get(locale);
  if (!r) rules.set(locale, (r = new Intl.PluralRules(locale)));
  return r;
}
