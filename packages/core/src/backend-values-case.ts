/**
 * The case view's values from a backend (messages, history entries, files), checked like
 * backend-values.ts checks a list's cases, with the same fallbacks. A module of its own: the REST
 * adapter's case calls use it, which the single file loads with the case view, not on the first screen.
 */
import type { CaseFile, HistoryEntry, Message, StatusChange } from './model.js';
import { isObject, repairAttachment, repairAttachments, required, show, withPart, type ReportProblem } from './backend-values.js';

export function repairMessage(m: Message, report: ReportProblem): Message {
  if (!isObject(m)) return m;
  const at = `message ${show(m.id)}`;
  return withPart(required(m, at, report, 'createdAt'), 'attachments', repairAttachments(m.attachments, `${at} `, report));
}

/** Any history entry, status or participant: each needs a usable `at`. */
export function repairHistoryEntry<T extends HistoryEntry>(s: T, report: ReportProblem): T {
  return isObject(s) ? required(s, 'history entry', report, 'at') : s;
}

/** The name before the history had other kinds; kept for callers of the status-only history. */
export const repairStatusChange: (s: StatusChange, report: ReportProblem) => StatusChange = repairHistoryEntry;

export function repairCaseFile(f: CaseFile, report: ReportProblem): CaseFile {
  return repairAttachment(f, '', report);
}
