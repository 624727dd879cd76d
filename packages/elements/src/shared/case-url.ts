import { safeUrl, type CaseRecord } from '@case-portal/core';
import { pageSetting } from './page-settings.js';

/**
 * The link a host's `case-url` pattern makes for a case: `{id}` and `{number}` filled in (encoded),
 * then safeUrl. Null without a pattern or when the result is not a safe URL.
 */
export function caseUrlFor(pattern: string | undefined, c: Pick<CaseRecord, 'id' | 'number'>): string | null {
  if (!pattern) return null;
  return safeUrl(pattern.replace(/\{(id|number)\}/g, (_m, key: 'id' | 'number') => encodeURIComponent(c[key])));
}

/** The pattern an element follows: its own `case-url`, else the page's (`<meta name="case-portal:case-url">`). */
export function caseUrlPattern(own: string | undefined, from: Node): string | undefined {
  return own || pageSetting('case-url', from);
}
