import { safeUrl, type CaseRecord } from '@case-portal/core';

/**
 * The link a host's `case-url` pattern makes for a case: `{id}` and `{number}` filled in (encoded),
 * then safeUrl. Null without a pattern or when the result is not a safe URL.
 */
export function caseUrlFor(pattern: string | undefined, c: Pick<CaseRecord, 'id' | 'number'>): string | null {
  if (!pattern) return null;
  return safeUrl(pattern.replace(/\{(id|number)\}/g, (_m, key: 'id' | 'number') => encodeURIComponent(c[key])));
}
