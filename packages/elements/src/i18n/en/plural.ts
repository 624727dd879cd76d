import type { Params } from '../i18n.js';

/** A plural message through Intl.PluralRules: plural({ one: '# case', other: '# cases' }). */
export function plural(forms: { one?: string; other: string; zero?: string }, param = 'count') {
  return (p: Params, locale: string): string => {
    const n = Number(p[param] ?? 0);
    const nf = new Intl.NumberFormat(locale).format(n);
    const rule = n === 0 && forms.zero ? 'zero' : new Intl.PluralRules(locale).select(n);
    const form = (rule === 'zero' ? forms.zero : rule === 'one' ? forms.one : undefined) ?? forms.other;
    return form.replace('#', nf);
  };
}
