import type { Attachment, CaseRecord, FieldValue, Message, StatusChange, StatusDef } from '@case-portal/core';
import type { SfRecord } from './api.js';
import { SF_ID } from './soql.js';

/**
 * Salesforce records as portal records. Our ids carry Salesforce's with a prefix (sc_ Case, sp_
 * Contact, sa_ Account, sm_ CaseComment or FeedItem, sv_ ContentVersion), so nothing needs a
 * lookup table, and the prefix keeps one vendor's ids from ever passing for another's.
 */
export const caseIdOf = (id: string) => `sc_${id}`;
export const personIdOf = (contactId: string) => `sp_${contactId}`;
export const accountIdOf = (accountId: string) => `sa_${accountId}`;
export const messageIdOf = (id: string) => `sm_${id}`;
export const fileIdOf = (contentVersionId: string) => `sv_${contentVersionId}`;

/** Salesforce's id behind one of our ids, or null when the id is not one of ours (then: not found). */
export function salesforceId(prefix: 'sc' | 'sp' | 'sa' | 'sm' | 'sv', id: string | null | undefined): string | null {
  if (!id || !id.startsWith(`${prefix}_`)) return null;
  const sf = id.slice(prefix.length + 1);
  return SF_ID.test(sf) ? sf : null;
}

/** The Case fields every read asks for (the mapped custom fields and feedback fields are added). */
export const CASE_FIELDS = ['Id', 'CaseNumber', 'Subject', 'Description', 'Status', 'Priority', 'Type', 'Origin', 'ContactId', 'AccountId', 'Contact.Name', 'Contact.Email', 'Account.Name', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'ClosedDate'];

export interface SfCase extends SfRecord {
  CaseNumber?: string;
  Subject?: string | null;
  Description?: string | null;
  Status?: string | null;
  Priority?: string | null;
  Type?: string | null;
  Origin?: string | null;
  ContactId?: string | null;
  AccountId?: string | null;
  Contact?: { Name?: string; Email?: string | null } | null;
  Account?: { Name?: string } | null;
  CreatedDate?: string;
  LastModifiedDate?: string;
  SystemModstamp?: string;
  ClosedDate?: string | null;
}

export interface MapContext {
  status: (apiName: unknown) => StatusDef;
  /** Portal field key → Case field API name. */
  fields: Record<string, string>;
  feedbackFields?: { rating: string; comment?: string };
}

/** `a` if it is a string, else `fallback`: a field Salesforce left out or the admin renamed must not break a page. */
const text = (a: unknown, fallback = ''): string => (typeof a === 'string' ? a : fallback);
/** Salesforce's datetimes are `2024-05-01T10:00:00.000+0000`: valid for Date.parse, written back as ISO 8601 UTC. */
export const time = (a: unknown, fallback: string): string => (typeof a === 'string' && Number.isFinite(Date.parse(a)) ? new Date(a).toISOString() : fallback);

export function toCase(r: SfCase, version: number, ctx: MapContext): CaseRecord {
  const created = time(r.CreatedDate, new Date(0).toISOString());
  const updated = time(r.LastModifiedDate, created);
  const status = ctx.status(r.Status);
  const fields: Record<string, FieldValue> = {};
  for (const [key, api] of Object.entries(ctx.fields)) {
    const v = r[api];
    if (v !== null && v !== undefined && v !== '') fields[key] = v as FieldValue;
  }
  const rating = ctx.feedbackFields ? r[ctx.feedbackFields.rating] : undefined;
  const comment = ctx.feedbackFields?.comment ? r[ctx.feedbackFields.comment] : undefined;
  const finished = status.category === 'resolved' || status.category === 'closed';
  return {
    id: caseIdOf(r.Id),
    number: text(r.CaseNumber, r.Id),
    subject: text(r.Subject),
    description: text(r.Description),
    status,
    origin: text(r.Origin, 'Web'),
    priority: typeof r.Priority === 'string' ? r.Priority : null,
    category: typeof r.Type === 'string' ? r.Type : null,
    service: null,
    requester: r.ContactId ? { id: personIdOf(r.ContactId), name: text(r.Contact?.Name, 'Contact'), ...(r.Contact?.Email ? { email: r.Contact.Email } : {}) } : { id: 'sp_none', name: 'Unknown' },
    owner: null,
    account: r.AccountId ? { id: accountIdOf(r.AccountId), name: text(r.Account?.Name, 'Account') } : null,
    contacts: [],
    createdAt: created,
    updatedAt: updated,
    closedAt: finished ? time(r.ClosedDate, updated) : null,
    reopenCount: 0,
    sla: null,
    fields,
    attachments: [],
    relatedIds: [],
    feedback: typeof rating === 'number' && rating >= 1 && rating <= 5 ? { rating: Math.round(rating), ...(typeof comment === 'string' && comment ? { comment } : {}), submittedAt: updated } : null,
    version,
  };
}

/** A ContentVersion row as the connector reads it. */
export interface SfContentVersion extends SfRecord {
  ContentDocumentId: string;
  Title?: string;
  PathOnClient?: string;
  FileExtension?: string | null;
  ContentSize?: number;
  CreatedDate?: string;
  CreatedById?: string;
}

/** Types by extension, for a file Salesforce knows only by name (ContentVersion has no MIME type field). */
const TYPES: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', txt: 'text/plain', csv: 'text/csv', log: 'text/plain', zip: 'application/zip', json: 'application/json', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

export function typeOfName(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

/** Unsigned, like every stored attachment URL: responses sign it per viewer, and our download route serves it. */
export function toAttachment(v: SfContentVersion): Attachment {
  const name = text(v.PathOnClient, text(v.Title, 'file'));
  return { id: fileIdOf(v.Id), name, size: typeof v.ContentSize === 'number' ? v.ContentSize : 0, type: typeOfName(name), url: `attachments/${fileIdOf(v.Id)}/content`, createdAt: time(v.CreatedDate, new Date(0).toISOString()) };
}

/** A thread entry (CaseComment or FeedItem) in a common shape. */
export interface ThreadEntry {
  id: string;
  body: string;
  createdAt: string;
  createdById: string | null;
  createdByName: string | null;
}

export function toMessage(caseId: string, e: ThreadEntry, author: Message['author'], attachments: Attachment[]): Message {
  return { id: messageIdOf(e.id), caseId, kind: 'comment', body: e.body, author, channel: 'web', createdAt: e.createdAt, attachments, public: true };
}

/** Case history rows (Field = Status) as the portal's status changes, after the case's first status. */
export function toHistory(c: SfCase, rows: { OldValue?: unknown; NewValue?: unknown; CreatedDate?: string }[], status: MapContext['status']): StatusChange[] {
  const created = time(c.CreatedDate, new Date(0).toISOString());
  const sorted = [...rows].sort((a, b) => Date.parse(a.CreatedDate ?? '') - Date.parse(b.CreatedDate ?? ''));
  const first = sorted.length ? sorted[0]!.OldValue : c.Status;
  const out: StatusChange[] = [{ at: created, from: null, to: status(first) }];
  for (const r of sorted) out.push({ at: time(r.CreatedDate, created), from: status(r.OldValue), to: status(r.NewValue) });
  return out;
}
