import type { Msg, Placeholders } from '../types.js';

/** The forms a language's plural rules pick from (CLDR: Arabic uses all six, English one and other). */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/**
 * A plural message through Intl.PluralRules: plural({ one: '# case', other: '# cases' }). `#` is the
 * count in the locale's digits. A `zero` form is also used for 0 in languages whose rules have no
 * zero category ("No cases" rather than "0 cases"). The type says which params it reads: the count's
 * and any {placeholder} its forms hold (the caller fills those).
 */
export function plural<const F extends PluralForms, P extends string = 'count'>(
  forms: F,
  param: P = 'count' as P,
): Msg<P | Placeholders<F[keyof F] & string>> {
  return (p, locale) => {
    const n = Number(p[param] ?? 0);
    const rule = pluralRules(locale).select(n) as keyof PluralForms;
    return ((n === 0 && forms.zero) || forms[rule] || forms.other).replace('#', formatCount(n, locale));
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
