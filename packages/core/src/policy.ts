import {
  FEEDBACK_CATEGORIES,
  FINISHED_CATEGORIES,
  isParticipantChange,
  type CaseRecord,
  type HistoryEntry,
  type Message,
  type ParticipantRight,
  type Permission,
  type PersonRef,
  type PortalSchema,
  type Viewer,
} from './model.js';
import { hasEditableKeys } from './schema-editable.js';

/** What a customer can do to one case. */
export type CaseAction = 'reply' | 'update' | 'close' | 'cancel' | 'reopen' | 'complain' | 'feedback' | 'attach' | 'participants';

/** Why an action is not available. Elements map each to a catalog message (with params). */
export type DenyReason =
  | 'feature-off'
  | 'no-permission'
  | 'not-owner'
  | 'case-finished'
  | 'not-reopenable-status'
  | 'reopen-window-passed'
  | 'reopen-limit-reached'
  | 'not-finished'
  | 'feedback-given'
  | 'no-editable-fields'
  | 'no-close-status'
  | 'no-cancel-status'
  | 'participants-full';

export type Availability =
  | { allowed: true }
  | { allowed: false; reason: DenyReason; params?: Record<string, number | string> };

export type ActionMap = Record<CaseAction, Availability>;

const ALLOWED: Availability = { allowed: true };
const deny = (reason: DenyReason, params?: Record<string, number | string>): Availability =>
  params ? { allowed: false, reason, params } : { allowed: false, reason };

export function isOwnCase(c: CaseRecord, viewer: Viewer): boolean {
  return c.requester.id === viewer.id;
}

/** May this viewer see this case at all? Own, the account's (supervisor), or linked. */
export function canRead(c: CaseRecord, viewer: Viewer): boolean {
  const has = (p: Permission) => viewer.permissions.includes(p);
  if (!has('read')) return false;
  if (isOwnCase(c, viewer)) return true;
  if (has('read-account') && viewer.account && c.account?.id === viewer.account.id) return true;
  if (c.contacts?.some((p) => p.id === viewer.id)) return true;
  return false;
}

const HOUR = 3_600_000;

/**
 * Which actions this viewer may take on this case now, and why not.
 * Pure: same inputs, same answer; `now` is passed in so tests and the UI agree on time.
 *
 * Rules:
 * - reply: not on finished cases (closed, canceled, merged).
 * - complain: allowed on any readable case, finished ones included.
 * - update / close / cancel / reopen / feedback: the requester only (a supervisor reads and replies).
 * - close: with a configured close-as status; cancel: with a configured cancel status.
 * - reopen: only from the configured categories, within the window after closing, at most maxCount times.
 * - feedback: once, after resolved, closed or canceled.
 * - participants (copy people on the case, or remove them): the requester, on an open case, when the
 *   schema allows it (`participants`); the limit on adding is `participantLimit`. A person copied on
 *   the case reads, replies and complains, and changes nothing else (not-owner), unless the schema
 *   lists the action in `participants.mayAlso`: then they pass the requester-only gate for it (every
 *   other condition still applies). A supervisor who is not copied stays read-and-reply.
 * - features switch actions off whatever the permissions say.
 */
export function availableActions(c: CaseRecord, viewer: Viewer, schema: PortalSchema, now: Date): ActionMap {
  const has = (p: Permission) => viewer.permissions.includes(p);
  const f = schema.features;
  const category = c.status.category;
  const finished = FINISHED_CATEGORIES.includes(category);
  const own = isOwnCase(c, viewer);
  const readable = canRead(c, viewer);
  const copied = !own && !!c.contacts?.some((p) => p.id === viewer.id);
  const mayAlso = copied ? (schema.participants?.mayAlso ?? []) : [];

  /** `right`: the action a requester-only gate opens to people copied when the schema lists it. */
  const gate = (feature: boolean, permission: Permission, ownerOnly: boolean, right?: ParticipantRight): Availability | null => {
    if (!feature) return deny('feature-off');
    if (!readable || !has(permission)) return deny('no-permission');
    if (ownerOnly && !own && !(right && mayAlso.includes(right))) return deny('not-owner');
    return null;
  };

  const reply = gate(true, 'reply', false) ?? (finished ? deny('case-finished') : ALLOWED);

  const attach =
    gate(f.attachments, 'reply', false) ?? (finished ? deny('case-finished') : ALLOWED);

  const complain = gate(f.complain, 'complain', false) ?? ALLOWED;

  const editable = hasEditableKeys(schema);
  const update =
    gate(f.update, 'update', true, 'update') ??
    (finished ? deny('case-finished') : editable ? ALLOWED : deny('no-editable-fields'));

  const close =
    gate(f.close, 'close', true, 'close') ??
    (finished || category === 'resolved'
      ? deny('case-finished')
      : schema.closeStatuses.length === 0
        ? deny('no-close-status')
        : ALLOWED);

  const cancel =
    gate(f.cancel, 'cancel', true, 'cancel') ??
    (finished || category === 'resolved'
      ? deny('case-finished')
      : schema.cancelStatus
        ? ALLOWED
        : deny('no-cancel-status'));

  const reopen = gate(f.reopen, 'reopen', true, 'reopen') ?? reopenAvailability(c, schema, now);

  const feedback =
    gate(f.feedback, 'feedback', true, 'feedback') ??
    (c.feedback
      ? deny('feedback-given')
      : FEEDBACK_CATEGORIES.includes(category)
        ? ALLOWED
        : deny('not-finished'));

  const participants =
    gate(!!schema.participants && schema.participants.max > 0, 'update', true, 'participants') ?? (finished ? deny('case-finished') : ALLOWED);

  return { reply, attach, complain, update, close, cancel, reopen, feedback, participants };
}

/** May one more person be copied on this case? Denied with the limit once the schema's `max` are there. */
export function participantLimit(c: CaseRecord, schema: PortalSchema): Availability {
  const max = schema.participants?.max ?? 0;
  if (max <= 0) return deny('feature-off');
  return (c.contacts?.length ?? 0) >= max ? deny('participants-full', { count: max }) : ALLOWED;
}

/**
 * The case as this viewer may see it: the addresses of the people copied reach only the requester
 * and each person their own; everyone else (a colleague copied too, a supervisor) gets names.
 */
export function redactContacts(c: CaseRecord, viewerId: string): CaseRecord {
  if (!c.contacts?.length || c.requester.id === viewerId || !c.contacts.some((p) => p.email && p.id !== viewerId)) return c;
  return { ...c, contacts: c.contacts.map((p) => (p.id === viewerId || !p.email ? p : { id: p.id, name: p.name })) };
}

/**
 * The history as this viewer may see it: in participant entries, an address reaches only the
 * requester and the person it belongs to (as `redactContacts` does for the case's contacts); everyone
 * else gets names. Who changed a status is named without an address (but to themselves), as the
 * author of a message is (`redactAuthors`). Agents see everything: call it for customers only.
 */
export function redactHistory(entries: HistoryEntry[], c: CaseRecord, viewerId: string): HistoryEntry[] {
  const requester = c.requester.id === viewerId;
  const shown = (p: PersonRef): PersonRef => (p.id === viewerId || !p.email ? p : { id: p.id, name: p.name });
  const out = entries.map((e) => {
    if (!isParticipantChange(e)) return e.by?.email && e.by.id !== viewerId ? { ...e, by: { ...shown(e.by), role: e.by.role } } : e;
    if (requester) return e;
    return (e.person.email && e.person.id !== viewerId) || (e.by.email && e.by.id !== viewerId)
      ? { ...e, person: shown(e.person), by: { ...shown(e.by), role: e.by.role } }
      : e;
  });
  return out.every((e, i) => e === entries[i]) ? entries : out;
}

/**
 * Messages as a customer may see them: each author by name and role, an address only on their
 * own. Whoever else reads the case (people copied, a supervisor, colleagues) never learns another
 * person's address from a conversation. Agents see everything: call it for customers only.
 */
export function redactAuthors(messages: Message[], viewerId: string): Message[] {
  if (!messages.some((m) => m.author.email && m.author.id !== viewerId)) return messages;
  return messages.map((m) => {
    if (!m.author.email || m.author.id === viewerId) return m;
    const { email: _hidden, ...author } = m.author;
    return { ...m, author };
  });
}

function reopenAvailability(c: CaseRecord, schema: PortalSchema, now: Date): Availability {
  const rule = schema.reopen;
  if (!schema.reopenStatus) return deny('feature-off');
  if (!rule.fromCategories.includes(c.status.category)) return deny('not-reopenable-status');
  if (rule.maxCount > 0 && c.reopenCount >= rule.maxCount) {
    return deny('reopen-limit-reached', { count: rule.maxCount });
  }
  if (rule.windowHours > 0) {
    const since = Date.parse(c.closedAt ?? c.updatedAt);
    if (now.getTime() - since > rule.windowHours * HOUR) {
      return deny('reopen-window-passed', { hours: rule.windowHours });
    }
  }
  return ALLOWED;
}

/** The deadline of the reopen window, or null when there is none (for a "reopen until…" hint). */
export function reopenDeadline(c: CaseRecord, schema: PortalSchema): Date | null {
  if (schema.reopen.windowHours <= 0) return null;
  const since = Date.parse(c.closedAt ?? c.updatedAt);
  return new Date(since + schema.reopen.windowHours * HOUR);
}
