import type { Attachment, CaseRecord, FieldValue, HistoryEntry, Message, ParticipantChange, PersonRef, StatusChange } from '@case-portal/core';
import { unsignedUrl } from '../../files/signed-urls.js';
import type { StatusMap } from '../status-map.js';
import type { Sideloads, ZdAttachment, ZdAudit, ZdComment, ZdTicket, ZdUser } from './api.js';

/**
 * Zendesk records as portal records. Our ids carry Zendesk's with a prefix (zt_ ticket, zu_ user,
 * zo_ organization, zc_ comment, za_ attachment), so nothing needs a lookup table, and the prefix
 * keeps one vendor's ids from ever passing for another's.
 */
export const caseIdOf = (ticketId: number) => `zt_${ticketId}`;
export const personIdOf = (userId: number) => `zu_${userId}`;
export const accountIdOf = (orgId: number) => `zo_${orgId}`;
export const messageIdOf = (commentId: number) => `zc_${commentId}`;

/** Our id of an attachment Zendesk holds that the portal did not send (an agent's file): ticket and attachment. */
export const vendorFileIdOf = (ticketId: number, attachmentId: number) => `za_${ticketId}_${attachmentId}`;

/** The ticket and attachment behind a `za_` file id; null when the id is not one. */
export function parseVendorFileId(id: string): { ticketId: number; attachmentId: number } | null {
  const m = /^za_([1-9][0-9]{0,15})_([1-9][0-9]{0,15})$/.exec(id);
  return m ? { ticketId: Number(m[1]), attachmentId: Number(m[2]) } : null;
}

/** Our id for a Zendesk attachment of a ticket: the upload's id when the portal sent the file (see ConnectorState files), else `za_…`. */
export type FileIdOf = (a: ZdAttachment) => string;

/** Zendesk's number behind one of our ids, or null when the id is not one of ours (then: not found). */
export function zendeskId(prefix: 'zt' | 'zu' | 'zo', id: string): number | null {
  const m = new RegExp(`^${prefix}_([1-9][0-9]{0,15})$`).exec(id);
  return m ? Number(m[1]) : null;
}

export class People {
  private readonly users = new Map<number, ZdUser>();
  private readonly orgs = new Map<number, string>();
  constructor(...loads: Sideloads[]) {
    for (const l of loads) this.add(l);
  }
  add(l: Sideloads): void {
    for (const u of l.users ?? []) this.users.set(u.id, u);
    for (const o of l.organizations ?? []) this.orgs.set(o.id, o.name);
  }
  user(id: number): ZdUser | undefined {
    return this.users.get(id);
  }
  byEmail(email: string): ZdUser | undefined {
    const e = email.trim().toLowerCase();
    for (const u of this.users.values()) if (u.email?.toLowerCase() === e) return u;
    return undefined;
  }
  ref(id: number): PersonRef {
    const u = this.users.get(id);
    const name = u?.name ?? `Zendesk user ${id}`;
    return u?.email ? { id: personIdOf(id), name, email: u.email } : { id: personIdOf(id), name };
  }
  orgName(id: number): string {
    return this.orgs.get(id) ?? `Organization ${id}`;
  }
}

export interface MapContext {
  statuses: StatusMap;
  /** Portal field key → Zendesk ticket field id. */
  fields: Record<string, number>;
  people: People;
}

/** `a` if it is a string, else `fallback`: a field Zendesk left out or renamed must not break a page. */
const text = (a: unknown, fallback = ''): string => (typeof a === 'string' ? a : fallback);
const time = (a: unknown, fallback: string): string => (typeof a === 'string' && Number.isFinite(Date.parse(a)) ? a : fallback);

export function toCase(t: ZdTicket, version: number, ctx: MapContext): CaseRecord {
  const created = time(t.created_at, new Date(0).toISOString());
  const updated = time(t.updated_at, created);
  const status = ctx.statuses.portalStatus(t.status);
  const fieldValues = new Map((Array.isArray(t.custom_fields) ? t.custom_fields : []).map((f) => [f.id, f.value]));
  const fields: Record<string, FieldValue> = {};
  for (const [key, id] of Object.entries(ctx.fields)) {
    const v = fieldValues.get(id);
    if (v !== null && v !== undefined && v !== '') fields[key] = v as FieldValue;
  }
  const related = [...(t.followup_ids ?? []), ...(t.via_followup_source_id ? [t.via_followup_source_id] : [])].map(caseIdOf);
  const rating = t.satisfaction_rating?.score;
  const c: CaseRecord = {
    id: caseIdOf(t.id),
    number: String(t.id),
    subject: text(t.subject),
    description: text(t.description),
    status,
    origin: text(t.via?.channel, 'web'),
    priority: t.priority ?? null,
    category: t.type ?? null,
    service: null,
    requester: ctx.people.ref(t.requester_id ?? 0),
    owner: t.assignee_id ? ctx.people.ref(t.assignee_id) : null,
    account: t.organization_id ? { id: accountIdOf(t.organization_id), name: ctx.people.orgName(t.organization_id) } : null,
    contacts: (t.collaborator_ids ?? []).filter((id) => id !== t.requester_id).map((id) => ctx.people.ref(id)),
    createdAt: created,
    updatedAt: updated,
    closedAt: status.category === 'resolved' || status.category === 'closed' ? updated : null,
    reopenCount: 0,
    sla: null,
    fields,
    attachments: [],
    relatedIds: related,
    // Zendesk rates good or bad: read back as 5 or 1 (the portal's 1–5 is sent as good from 4 up).
    feedback: rating === 'good' || rating === 'bad' ? { rating: rating === 'good' ? 5 : 1, ...(t.satisfaction_rating?.comment ? { comment: t.satisfaction_rating.comment } : {}), submittedAt: updated } : null,
    version,
  };
  return c;
}

/**
 * An attachment as the portal's: its URL is our download route's (signed per viewer on the way out),
 * never Zendesk's content_url, which the browser must not see (it may work without a credential).
 */
export function toAttachment(a: ZdAttachment, at: string, idOf: FileIdOf): Attachment {
  const id = idOf(a);
  return { id, name: text(a.file_name, 'file'), size: typeof a.size === 'number' ? a.size : 0, type: text(a.content_type, 'application/octet-stream'), url: unsignedUrl(id), createdAt: at };
}

/** The files a comment lists: inline images (part of the comment's HTML) and deleted files are not in the list. */
export function listedAttachments(cm: ZdComment): ZdAttachment[] {
  return (Array.isArray(cm.attachments) ? cm.attachments : []).filter((a) => a && typeof a.id === 'number' && a.inline !== true && a.deleted !== true);
}

/** A public comment as a message; the requester and other end users are customers, everyone else an agent. */
export function toMessage(caseId: string, cm: ZdComment, people: People, idOf: FileIdOf): Message {
  const author = people.ref(cm.author_id ?? 0);
  const role = people.user(cm.author_id ?? 0)?.role === 'end-user' ? 'customer' : 'agent';
  const at = time(cm.created_at, new Date(0).toISOString());
  return {
    id: messageIdOf(cm.id),
    caseId,
    kind: cm.via?.channel === 'email' ? 'email' : 'comment',
    body: text(cm.body),
    author: { ...author, role },
    channel: text(cm.via?.channel, 'web'),
    createdAt: at,
    attachments: listedAttachments(cm).map((a) => toAttachment(a, at, idOf)),
    public: cm.public === true,
  };
}

/** The addresses of an EmailCcChange event's list (Zendesk gives addresses; anything else is skipped). */
export const ccAddresses = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.includes('@')).map((x) => x.trim().toLowerCase()) : []);

/**
 * A ticket's history from its audits, oldest first: its Create event and each Change of `status`;
 * with `participants`, also who was copied or taken off (each EmailCcChange event: addresses added
 * and removed, found among `people`). Who made a participant change: the portal person our write
 * was for (`actors`, by audit id), else the audit's author.
 */
export function toHistory(audits: ZdAudit[], statuses: StatusMap, people: People, participants?: { actors: Map<string, number> }): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const a of [...audits].sort((x, y) => Date.parse(x.created_at) - Date.parse(y.created_at))) {
    for (const e of a.events ?? []) {
      if (participants && e.type === 'EmailCcChange') {
        out.push(...ccChanges(a, e, people, participants.actors.get(String(a.id))));
        continue;
      }
      if (e.field_name !== 'status' || (e.type !== 'Create' && e.type !== 'Change')) continue;
      const to = statuses.portalStatus(e.value);
      const from = e.type === 'Create' ? null : statuses.portalStatus(e.previous_value);
      const change: StatusChange = { at: a.created_at, from, to };
      // Who: an end user's own change names them; our API user's or an agent's does not name anyone.
      if (people.user(a.author_id)?.role === 'end-user') change.by = { ...people.ref(a.author_id), role: 'customer' };
      out.push(change);
    }
  }
  return out;
}

function ccChanges(a: ZdAudit, e: ZdAudit['events'][number], people: People, actor: number | undefined): ParticipantChange[] {
  const before = new Set(ccAddresses(e.previous_email_ccs));
  const after = new Set(ccAddresses(e.current_email_ccs));
  const author = actor ?? a.author_id;
  const { email: _email, ...named } = people.ref(author);
  const by = { ...named, role: actor !== undefined || people.user(author)?.role === 'end-user' ? ('customer' as const) : ('agent' as const) };
  const out: ParticipantChange[] = [];
  const entry = (kind: ParticipantChange['kind'], address: string) => {
    const user = people.byEmail(address);
    // An address Zendesk no longer knows as a user names no one we can show.
    if (user) out.push({ kind, at: a.created_at, by, person: people.ref(user.id) });
  };
  for (const address of after) if (!before.has(address)) entry('participant-added', address);
  for (const address of before) if (!after.has(address)) entry('participant-removed', address);
  return out;
}
