import type { Attachment, CaseRecord, FieldValue, Message, PersonRef, StatusChange, StatusDef } from '@case-portal/core';
import { unsignedUrl } from '../../files/signed-urls.js';
import type { CrCase, CrFile, CrLifecycle, CrMessage, Guid } from './api.js';
import { lookupValue, type LookupSet } from './lookups.js';

/**
 * Creatio records as portal records. Our ids carry Creatio's GUIDs with a prefix (cc_ case,
 * cp_ contact, ca_ account, cm_ feed message), so nothing needs a lookup table and one vendor's ids
 * never pass for another's. Files are `f_` and the GUID's 32 hex digits: the same form as the
 * server's own upload ids, so an upload keeps its id once it lives in Creatio (the connector creates
 * the CaseFile with the upload's GUID).
 */
export const caseIdOf = (id: Guid) => `cc_${id}`;
export const personIdOf = (id: Guid) => `cp_${id}`;
export const accountIdOf = (id: Guid) => `ca_${id}`;
export const messageIdOf = (id: Guid) => `cm_${id}`;
export const fileIdOf = (id: Guid) => `f_${id.replace(/-/g, '').toLowerCase()}`;

const GUID_TEXT = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

/** Creatio's GUID behind one of our ids, or null when the id is not one of ours (then: not found). */
export function creatioId(prefix: 'cc' | 'cp' | 'ca' | 'cm', id: string): Guid | null {
  return new RegExp(`^${prefix}_${GUID_TEXT}$`).exec(id)?.[1] ?? null;
}

/** The CaseFile GUID of a file id (`f_` and 32 hex digits). */
export function fileGuid(id: string): Guid | null {
  const m = /^f_([0-9a-f]{32})$/.exec(id);
  if (!m) return null;
  const h = m[1]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface MapContext {
  lookups: LookupSet;
  statuses: StatusDef[];
  /** Portal field key → Case column. */
  fields: Record<string, string>;
}

/** `a` if it is a string, else `fallback`: a column Creatio left out or an admin renamed must not break a page. */
const text = (a: unknown, fallback = ''): string => (typeof a === 'string' ? a : fallback);
const time = (a: unknown, fallback: string): string => (typeof a === 'string' && Number.isFinite(Date.parse(a)) ? new Date(a).toISOString() : fallback);

export function portalStatus(ctx: MapContext, creatioStatusId: unknown, onUnknown: (id: string) => void): StatusDef {
  const id = typeof creatioStatusId === 'string' ? ctx.lookups.portalStatusOf.get(creatioStatusId) : undefined;
  if (!id) onUnknown(String(creatioStatusId));
  return ctx.statuses.find((s) => s.id === (id ?? 'open')) ?? ctx.statuses[0]!;
}

const FILE_TYPES: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  zip: 'application/zip',
  json: 'application/json',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** CaseFile keeps no MIME type: the name's extension tells it, else plain bytes. */
export function fileType(name: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return FILE_TYPES[ext] ?? 'application/octet-stream';
}

export function toAttachment(f: CrFile): Attachment {
  const id = fileIdOf(f.Id);
  const name = text(f.Name, 'file');
  return { id, name, size: typeof f.Size === 'number' ? f.Size : 0, type: fileType(name), url: unsignedUrl(id), createdAt: time(f.CreatedOn, new Date(0).toISOString()) };
}

export function toCase(c: CrCase, version: number, ctx: MapContext, onUnknownStatus: (id: string) => void): CaseRecord {
  const created = time(c.CreatedOn ?? c.RegisteredOn, new Date(0).toISOString());
  const updated = time(c.ModifiedOn, created);
  const status = portalStatus(ctx, c.StatusId, onUnknownStatus);
  const fields: Record<string, FieldValue> = {};
  for (const [key, column] of Object.entries(ctx.fields)) {
    const v = c[column];
    if (v !== null && v !== undefined && v !== '') fields[key] = v as FieldValue;
  }
  const priority = ctx.lookups.priorities.find((p) => p.Id === c.PriorityId);
  const origin = ctx.lookups.origins.find((o) => o.Id === c.OriginId);
  const rating = ctx.lookups.satisfaction.find((s) => s.Id === c.SatisfactionLevelId)?.Point;
  const finished = status.category === 'resolved' || status.category === 'closed' || status.category === 'canceled';
  const contactId = typeof c.ContactId === 'string' ? c.ContactId : '';
  const requester: PersonRef = { id: personIdOf(contactId), name: text(c.Contact?.Name, 'Contact'), ...(c.Contact?.Email ? { email: c.Contact.Email } : {}) };
  return {
    id: caseIdOf(c.Id),
    number: text(c.Number, c.Id),
    subject: text(c.Subject),
    description: text(c.Symptoms),
    status,
    origin: origin ? lookupValue(origin.Name) : 'portal',
    priority: priority ? lookupValue(priority.Name) : null,
    category: null,
    service: null,
    requester,
    owner: c.OwnerId && c.Owner ? { id: personIdOf(c.OwnerId), name: text(c.Owner.Name, 'Support') } : null,
    account: c.AccountId ? { id: accountIdOf(c.AccountId), name: text(c.Account?.Name, 'Account') } : null,
    contacts: [],
    createdAt: created,
    updatedAt: updated,
    closedAt: finished ? time(c.ClosureDate ?? c.SolutionDate, updated) : null,
    reopenCount: 0,
    sla: null,
    fields,
    attachments: [],
    relatedIds: [],
    feedback: typeof rating === 'number' ? { rating, ...(c.SatisfactionLevelComment ? { comment: c.SatisfactionLevelComment } : {}), submittedAt: updated } : null,
    version,
  };
}

/** A feed message: the case's contact and people of the case's account are customers; everyone else (employees) an agent. */
export function toMessage(c: CrCase, m: CrMessage, files: Attachment[]): Message {
  const authorId = m.CreatedById ?? m.CreatedBy?.Id ?? '';
  const customer = authorId === c.ContactId || (!!c.AccountId && m.CreatedBy?.AccountId === c.AccountId);
  return {
    id: messageIdOf(m.Id),
    caseId: caseIdOf(c.Id),
    kind: 'comment',
    body: text(m.Message),
    author: { id: personIdOf(authorId), name: text(m.CreatedBy?.Name, customer ? 'Customer' : 'Support'), role: customer ? 'customer' : 'agent' },
    channel: 'web',
    createdAt: time(m.CreatedOn, new Date(0).toISOString()),
    attachments: files,
    public: true,
  };
}

/**
 * The status changes of a case from its CaseLifecycle periods (one per status, StartDate ordered):
 * the first from nothing at the case's creation, then each period whose portal status differs
 * from the one before. When the periods end elsewhere than the case's current status (a
 * lifecycle Creatio has not written yet), a last change to the current status closes the list.
 */
export function toHistory(c: CaseRecord, periods: CrLifecycle[], ctx: MapContext, onUnknown: (id: string) => void): StatusChange[] {
  const out: StatusChange[] = [];
  let last: StatusDef | null = null;
  for (const p of [...periods].sort((a, b) => Date.parse(a.StartDate) - Date.parse(b.StartDate))) {
    const to = portalStatus(ctx, p.StatusId, onUnknown);
    if (last && last.id === to.id) continue;
    const at = last ? time(p.StartDate, c.updatedAt) : c.createdAt;
    out.push({ at: out.length && Date.parse(at) < Date.parse(out.at(-1)!.at) ? out.at(-1)!.at : at, from: last, to });
    last = to;
  }
  if (!last) out.push({ at: c.createdAt, from: null, to: c.status });
  else if (last.id !== c.status.id) out.push({ at: c.updatedAt, from: last, to: c.status });
  return out;
}
