/**
 * Values from a backend that reach `Intl` or a URL, checked where they enter (the adapter), each
 * replaced by a safe fallback when unusable: one bad value must not blank a screen. `Intl` throws
 * a RangeError for an unknown time zone or locale, and `formatRelative` for a date that is not one;
 * a thrown render leaves an element on "Loading…" for good.
 *
 * The `repair*` functions return the value itself when nothing was wrong, else a copy with the
 * fallbacks in place, and tell `report` what they replaced (path, value, what is used instead).
 */
import type { Attachment, CaseFile, CaseRecord, Deadline, Message, StatusChange, Viewer } from './model.js';

/** One unusable value from a backend and what is used instead. */
export interface BackendProblem {
  /** Where it was, e.g. `viewer.timeZone`, `case c_1.sla.response.dueAt`. */
  path: string;
  value: unknown;
  /** For the console and the `case-error` a host logs; never shown to the customer. */
  message: string;
}

export type ReportProblem = (problem: BackendProblem) => void;

const zones = new Map<string, boolean>();

/** An IANA time zone name `Intl` knows (answers cached: the check builds a formatter). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '' || value.length > 100) return false;
  let known = zones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    zones.set(value, known);
  }
  return known;
}

/** A BCP 47 language tag `Intl` accepts. */
export function isLocale(value: unknown): value is string {
  if (typeof value !== 'string' || value === '' || value.length > 100) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** A date string `Date` can read (ISO 8601 in the contract). */
export function isDateString(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !Number.isNaN(Date.parse(value));
}

const show = (value: unknown): string => {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
  } catch {
    return String(value);
  }
};

/** Collects the replacements of one value: a copy is made on the first one. */
class Repair<T extends object> {
  private copy: T | null = null;
  constructor(
    private readonly original: T,
    private readonly where: string,
    private readonly report: ReportProblem,
  ) {}

  get value(): T {
    return this.copy ?? this.original;
  }

  /** Replaces `key` (on the copy) by `fallback` and reports it; `undefined` removes the key. */
  replace<K extends keyof T>(key: K, fallback: T[K] | undefined, why: string, instead: string): void {
    const bad = this.original[key];
    this.copy ??= { ...this.original };
    if (fallback === undefined) delete this.copy[key];
    else this.copy[key] = fallback;
    const path = `${this.where}.${String(key)}`;
    this.report({ path, value: bad, message: `${path}: ${show(bad)} ${why}; ${instead}.` });
  }

  /** Sets a nested value that was repaired on its own (no report: that repair reported). */
  set<K extends keyof T>(key: K, value: T[K]): void {
    if (this.value[key] === value) return;
    this.copy ??= { ...this.original };
    this.copy[key] = value;
  }
}

const NOT_A_DATE = 'is not a date';

/** A required date: unreadable → '' (shown as nothing, never thrown on). */
function requiredDate<T extends object, K extends keyof T>(r: Repair<T>, key: K): void {
  const v = r.value[key];
  if (!isDateString(v)) r.replace(key, '' as T[K], NOT_A_DATE, 'shown as no date');
}

/** An optional date: unreadable → null (as if the backend had none). */
function optionalDate<T extends object, K extends keyof T>(r: Repair<T>, key: K): void {
  const v = r.value[key];
  if (v !== undefined && v !== null && !isDateString(v)) r.replace(key, null as T[K], NOT_A_DATE, 'treated as none');
}

export function repairViewer(viewer: Viewer, report: ReportProblem): Viewer {
  const r = new Repair(viewer, 'viewer', report);
  if (viewer.timeZone !== undefined && viewer.timeZone !== null && !isTimeZone(viewer.timeZone)) {
    r.replace('timeZone', undefined, 'is not an IANA time zone', "the browser's time zone is used");
  }
  if (viewer.locale !== undefined && viewer.locale !== null && !isLocale(viewer.locale)) {
    r.replace('locale', undefined, 'is not a locale (BCP 47)', "the page's locale is used");
  }
  return r.value;
}

/** `where` prefixes the path (`case "c_1" `, or '' for a file on its own). */
export function repairAttachment<A extends Attachment>(a: A, where: string, report: ReportProblem): A {
  if (typeof a !== 'object' || a === null) return a;
  const r = new Repair(a, `${where}file ${show(a.id)}`, report);
  // Only the type here: whether a URL is safe to link is safeUrl()/safeDownloadUrl()'s call at render.
  if (typeof a.url !== 'string') r.replace('url', '' as A['url'], 'is not a URL string', 'shown without a link');
  optionalDate(r, 'createdAt');
  return r.value;
}

function repairAttachments<A extends Attachment>(list: A[], where: string, report: ReportProblem): A[] {
  if (!Array.isArray(list)) return list;
  const fixed = list.map((a) => repairAttachment(a, where, report));
  return fixed.every((a, i) => a === list[i]) ? list : fixed;
}

function repairDeadline(d: Deadline | null | undefined, where: string, report: ReportProblem): Deadline | null | undefined {
  if (typeof d !== 'object' || d === null) return d;
  if (!isDateString(d.dueAt)) {
    report({ path: `${where}.dueAt`, value: d.dueAt, message: `${where}.dueAt: ${show(d.dueAt)} ${NOT_A_DATE}; the deadline is not shown.` });
    return null;
  }
  const r = new Repair(d, where, report);
  optionalDate(r, 'metAt');
  return r.value;
}

export function repairCase(c: CaseRecord, report: ReportProblem): CaseRecord {
  if (typeof c !== 'object' || c === null) return c;
  const where = `case ${show(c.id)}`;
  const r = new Repair(c, where, report);
  requiredDate(r, 'createdAt');
  requiredDate(r, 'updatedAt');
  optionalDate(r, 'closedAt');
  if (typeof c.sla === 'object' && c.sla !== null) {
    const response = repairDeadline(c.sla.response, `${where}.sla.response`, report);
    const resolution = repairDeadline(c.sla.resolution, `${where}.sla.resolution`, report);
    if (response !== c.sla.response || resolution !== c.sla.resolution) r.set('sla', { ...c.sla, response, resolution });
  }
  if (typeof c.feedback === 'object' && c.feedback !== null && !isDateString(c.feedback.submittedAt)) {
    const fr = new Repair(c.feedback, `${where}.feedback`, report);
    requiredDate(fr, 'submittedAt');
    r.set('feedback', fr.value);
  }
  r.set('attachments', repairAttachments(c.attachments, `${where} `, report));
  return r.value;
}

export function repairMessage(m: Message, report: ReportProblem): Message {
  if (typeof m !== 'object' || m === null) return m;
  const where = `message ${show(m.id)}`;
  const r = new Repair(m, where, report);
  requiredDate(r, 'createdAt');
  r.set('attachments', repairAttachments(m.attachments, `${where} `, report));
  return r.value;
}

export function repairStatusChange(s: StatusChange, report: ReportProblem): StatusChange {
  if (typeof s !== 'object' || s === null) return s;
  const r = new Repair(s, 'history entry', report);
  requiredDate(r, 'at');
  return r.value;
}

export function repairCaseFile(f: CaseFile, report: ReportProblem): CaseFile {
  return repairAttachment(f, '', report);
}
