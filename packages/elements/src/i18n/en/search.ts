import type { Params } from '../types.js';
import { formatCount, plural } from './plural.js';

const found = plural({ one: '# case found', other: '# cases found' }, 'total');
const foundSome = plural({ one: '# case found, showing {shown}', other: '# cases found, showing the first {shown}' }, 'total');

export const search = {
  'search.label': 'Find a case',
  'search.placeholder': 'Case number or subject',
  'search.searching': 'Searching…',
  // Announced in the live region: the backend's total picks the plural form.
  'search.results': (p: Params, locale: string): string => {
    const shown = Number(p.shown ?? 0);
    const total = Number(p.total ?? 0);
    return shown >= total
      ? found(p, locale)
      : foundSome(p, locale).replace('{shown}', formatCount(shown, locale));
  },
  'search.empty': 'No case matches “{query}”',
  'search.noSubject': '(no subject)',
};
