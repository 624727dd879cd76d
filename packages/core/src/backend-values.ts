/**
 * Values from a backend that reach `Intl` or a URL, checked where they enter (the adapter), each
 * replaced by a safe fallback when unusable: one bad value must not blank a screen. `Intl` throws
 * a RangeError for an unknown time zone or locale, and `formatRelative` for a date that is not one;
 * a thrown render leaves an element on "Loading…" for good.
 *
 * The `repair*` functions return the value itself when nothing was wrong, else a copy with the
 * fallbacks in place (the backend's object is never changed), and tell `report` what they replaced.
 * Kept small: it is in the REST first screen (the case view's values: backend-values-case.ts).
 */
import type { Attachment, CaseRecord, Deadline, Viewer } from './model.js';

/** One unusable value from a backend and what is used instead. */
export interface BackendProblem {
  /** Where it was, e.g. `viewer.timeZone`, `case "c_1".sla.response.dueAt`. */
  path: string;
  value: unknown;
  /** For the console and the `case-error` a host logs; never shown to the customer. */
  message: string;
}

export type ReportProblem = (problem: BackendProblem) => void;

/** Tries a value on Intl; false when Intl throws. */
function intlTakes(value: unknown, make: (v: string) => unknown): value is string {
  if (typeof value !== 'string' || value === '' || value.length > 100) return false;
  try {
    make(value);
    return true;
  } catch {
    return false;
  }
}

const zones = new Map<string, boolean>();

/** An IANA time zone name `Intl` knows (answers cached: the check builds a formatter). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  let known = zones.get(value);
  if (known === undefined) zones.set(value, (known = intlTakes(value, (timeZone) => new Intl.DateTimeFormat('en', { timeZone }))));
  return known;
}

/** A BCP 47 language tag `Intl` accepts. */
export function isLocale(value: unknown): value is string {
  return intlTakes(value, (v) => Intl.getCanonicalLocales(v));
}

/** A date string `Date` can read (ISO 8601 in the contract). */
export function isDateString(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !Number.isNaN(Date.parse(value));
}

export const show = (value: unknown): string => {
  const text = String(JSON.stringify(value) ?? value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

const absent = (v: unknown) => v === undefined || v === null;

/**
 * `o` with `key` replaced by `fallback` (`undefined` removes it) when `bad`, reported under
 * `where.key`; `o` itself otherwise.
 */
function fix<T extends object>(o: T, where: string, report: ReportProblem, key: keyof T & string, bad: boolean, fallback: unknown, why: string, instead: string): T {
  if (!bad) return o;
  const path = `${where}.${key}`;
  report({ path, value: o[key], message: `${path}: ${show(o[key])} ${why}; ${instead}.` });
  const copy = { ...o } as Record<string, unknown>;
  if (fallback === undefined) delete copy[key];
  else copy[key] = fallback;
  return copy as T;
}

const NOT_A_DATE = 'is not a date';

/** A required date: unreadable → '' (shown as nothing, never thrown on). */
export const required = <T extends object>(o: T, where: string, report: ReportProblem, key: keyof T & string): T =>
  fix(o, where, report, key, !isDateString(o[key]), '', NOT_A_DATE, 'shown as no date');

/** An optional date: unreadable → null (as if the backend had none). */
const optional = <T extends object>(o: T, where: string, report: ReportProblem, key: keyof T & string): T =>
  fix(o, where, report, key, !absent(o[key]) && !isDateString(o[key]), null, NOT_A_DATE, 'treated as none');

/** `o` with `key` set to `value` (a part repaired on its own), copied only when it changed. */
export const withPart = <T extends object, K extends keyof T>(o: T, key: K, value: T[K]): T => (o[key] === value ? o : { ...o, [key]: value });

export const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

export function repairViewer(viewer: Viewer, report: ReportProblem): Viewer {
  let v = fix(viewer, 'viewer', report, 'timeZone', !absent(viewer.timeZone) && !isTimeZone(viewer.timeZone), undefined, 'is not an IANA time zone', "the browser's time zone is used");
  v = fix(v, 'viewer', report, 'locale', !absent(v.locale) && !isLocale(v.locale), undefined, 'is not a locale (BCP 47)', "the page's locale is used");
  return v;
}

/** `where` prefixes the path (`case "c_1" `, or '' for a file on its own). Whether a URL may be linked stays safeUrl()'s call at render. */
export function repairAttachment<A extends Attachment>(a: A, where: string, report: ReportProblem): A {
  if (!isObject(a)) return a;
  const at = `${where}file ${show(a.id)}`;
  return optional(fix(a, at, report, 'url', typeof a.url !== 'string', '', 'is not a URL string', 'shown without a link'), at, report, 'createdAt');
}

export function repairAttachments<A extends Attachment>(list: A[], where: string, report: ReportProblem): A[] {
  if (!Array.isArray(list)) return list;
  const fixed = list.map((a) => repairAttachment(a, where, report));
  return fixed.every((a, i) => a === list[i]) ? list : fixed;
}

function repairDeadline(d: Deadline | null | undefined, where: string, report: ReportProblem): Deadline | null | undefined {
  if (!isObject(d)) return d;
  if (!isDateString(d.dueAt)) {
    report({ path: `${where}.dueAt`, value: d.dueAt, message: `${where}.dueAt: ${show(d.dueAt)} ${NOT_A_DATE}; the deadline is not shown.` });
    return null;
  }
  return optional(d, where, report, 'metAt');
}

export function repairCase(c: CaseRecord, report: ReportProblem): CaseRecord {
  if (!isObject(c)) return c;
  const at = `case ${show(c.id)}`;
  let r = optional(required(required(c, at, report, 'createdAt'), at, report, 'updatedAt'), at, report, 'closedAt');
  const sla = r.sla;
  if (isObject(sla)) {
    const response = repairDeadline(sla.response, `${at}.sla.response`, report);
    const resolution = repairDeadline(sla.resolution, `${at}.sla.resolution`, report);
    r = withPart(r, 'sla', response === sla.response && resolution === sla.resolution ? sla : { ...sla, response, resolution });
  }
  if (isObject(r.feedback)) r = withPart(r, 'feedback', required(r.feedback, `${at}.feedback`, report, 'submittedAt'));
  return withPart(r, 'attachments', repairAttachments(r.attachments, `${at} `, report));
}
