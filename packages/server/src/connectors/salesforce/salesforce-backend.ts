import { Readable } from 'node:stream';
import { decodeCursor, encodeCursor, type Attachment, type CaseFile, type CaseQuery, type CaseRecord, type Message, type MessageKind, type Page, type ParticipantInput, type PersonRef, type PortalSchema, type StatusChange, type StatusDef } from '@case-portal/core';
import type { Kysely } from 'kysely';
import type { TokenClaims } from '../../auth/verify-token.js';
import type { Backend, Caller, CaseWrite, FileContent } from '../../backend/types.js';
import { pageOfScopedCases } from '../../backend/scoped-page.js';
import type { Tables } from '../../db/tables.js';
import type { EventHub, PublishedEvent } from '../../events/types.js';
import type { AttachmentStore } from '../../files/attachment-store.js';
import type { BlobStore } from '../../files/types.js';
import { HttpError, validation } from '../../http-error.js';
import { caseChanged, messageAdded } from '../../service/case-events.js';
import type { ConnectorState } from '../connector-state.js';
import type { VendorLog } from '../vendor-http.js';
import type { SalesforceApi, SfRecord } from './api.js';
import type { SalesforceAuth } from './auth.js';
import type { SalesforceConfig } from './config.js';
import { accountIdOf, CASE_FIELDS, caseIdOf, messageIdOf, personIdOf, salesforceId, toAttachment, toCase, toHistory, toMessage, time, type MapContext, type SfCase, type SfContentVersion, type ThreadEntry } from './mapping.js';
import type { PortalNotes, UploadNote } from './portal-notes.js';
import { VendorSignIn } from '../vendor-sign-in.js';
import { commentText } from '../comment-text.js';
import { unsignedUrl } from '../../files/signed-urls.js';
import { soqlId, soqlIdList, soqlString } from './soql.js';

export interface SalesforceBackendOptions {
  api: SalesforceApi;
  auth: SalesforceAuth;
  config: SalesforceConfig;
  schema: PortalSchema;
  /** Case Status value → portal status, and back (the org's CaseStatus, read at start). */
  statuses: { byApiName: Map<string, StatusDef>; fallback: () => StatusDef };
  state: ConnectorState;
  notes: PortalNotes;
  /** The server's uploads in flight: a write's files are claimed there, sent to Salesforce, then removed. */
  uploads: { store: AttachmentStore; blobs: BlobStore; db: Kysely<Tables> };
  hub?: EventHub;
  log: VendorLog;
}

interface SfContact extends SfRecord {
  Name?: string;
  Email?: string | null;
  AccountId?: string | null;
  Account?: { Name?: string } | null;
}

/** An upload sent to Salesforce ahead of the write that links it. */
interface Staged {
  uploadId: string;
  blobKey: string;
  version: SfContentVersion;
}

const CONTACT_FIELDS = 'Id, Name, Email, AccountId, Account.Name';

/**
 * The case server's Backend over Salesforce Service Cloud. Storage-like only: the service layer
 * above decides what is allowed (core's availableActions); this reads Cases in the caller's scope
 * by SOQL and turns a write into the REST calls that make it. Scope is decided here from the
 * verified principal, and every Case Salesforce returns is checked again (the caller's Contact, or
 * a supervisor's Account): a Case that does not belong to the caller is dropped, whatever the
 * query returned.
 */
export class SalesforceBackend implements Backend {
  readonly personFromClaims: Backend['personFromClaims'];
  private readonly api: SalesforceApi;

  constructor(private readonly o: SalesforceBackendOptions) {
    this.api = o.api;
    this.personFromClaims = new VendorSignIn<SfContact>({
      vendor: 'Salesforce',
      db: o.uploads.db,
      find: (claims) => this.findContact(claims),
      person: (contact) => ({
        id: personIdOf(contact.Id),
        name: contact.Name,
        email: contact.Email,
        account: contact.AccountId ? { id: accountIdOf(contact.AccountId), name: contact.Account?.Name ?? 'Account' } : null,
      }),
    }).personFromClaims;
  }

  // ---- people ----------------------------------------------------------------------------------

  private async findContact(claims: TokenClaims): Promise<SfContact> {
    const match = this.o.config.customerMatch;
    let where: string;
    if (match === 'email') {
      if (!claims.email) throw new HttpError(401, 'unauthorized', 'The sign-in token carries no e-mail address.', undefined, { 'x-auth-detail': 'salesforce: customerMatch is email and the token has no email claim' });
      where = `Email = ${soqlString(claims.email)}`;
    } else {
      where = `${match.externalIdField} = ${soqlString(claims.sub)}`;
    }
    const found = await this.api.query<SfContact>(`SELECT ${CONTACT_FIELDS} FROM Contact WHERE ${where} ORDER BY CreatedDate ASC LIMIT 2`);
    // Salesforce compares e-mail addresses without regard to case; so do we, and an ambiguous match is refused rather than guessed.
    if (found.length > 1) this.o.log.warn({ vendor: 'salesforce', rule: match === 'email' ? 'email' : match.externalIdField }, 'two Contacts match one sign-in; the oldest is used');
    const contact = found[0];
    if (!contact) throw new HttpError(403, 'forbidden', 'You have no account at the help desk yet.');
    return contact;
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** Whether the caller may read the Case: their own Contact's, or a supervisor's Account's. */
  private owns(caller: Caller, r: SfCase): boolean {
    const me = salesforceId('sp', caller.principal.personId);
    if (me === null || typeof r.Id !== 'string') return false;
    if (r.ContactId === me) return true;
    const account = salesforceId('sa', caller.principal.accountId);
    return caller.principal.role === 'supervisor' && account !== null && r.AccountId === account;
  }

  private context(): MapContext {
    return { status: (s) => this.statusOf(s), fields: this.o.config.fields ?? {}, ...(this.o.config.feedbackFields ? { feedbackFields: this.o.config.feedbackFields } : {}) };
  }

  private statusOf(apiName: unknown): StatusDef {
    const found = typeof apiName === 'string' ? this.o.statuses.byApiName.get(apiName) : undefined;
    if (found) return found;
    this.o.log.warn({ vendor: 'salesforce', status: apiName ?? null }, 'a Case Status the org\'s CaseStatus list does not have; shown as its default status');
    return this.o.statuses.fallback();
  }

  private caseFields(): string {
    const extra = [...Object.values(this.o.config.fields ?? {}), ...(this.o.config.feedbackFields ? [this.o.config.feedbackFields.rating, this.o.config.feedbackFields.comment] : [])].filter((f): f is string => !!f);
    return [...new Set([...CASE_FIELDS, ...extra])].join(', ');
  }

  private async mapCases(caller: Caller, rows: SfCase[]): Promise<CaseRecord[]> {
    const mine = rows.filter((r) => {
      const ok = this.owns(caller, r);
      if (!ok) this.o.log.warn({ vendor: 'salesforce', case: r.Id, person: caller.principal.personId }, 'dropped a Case outside the caller\'s scope that Salesforce returned');
      return ok;
    });
    const versions = await this.o.state.versionsOf(caller.principal.tenant, mine.map((r) => ({ id: r.Id, stamp: r.SystemModstamp ?? '' })));
    return mine.map((r) => toCase(r, versions.get(r.Id)!, this.context()));
  }

  async listCases(caller: Caller, query: CaseQuery, limit: number): Promise<Page<CaseRecord>> {
    const me = salesforceId('sp', caller.principal.personId)!;
    const account = salesforceId('sa', caller.principal.accountId);
    const supervisor = caller.principal.role === 'supervisor' && account !== null;
    let where: string | null;
    if (query.view === 'mine') where = `ContactId = ${soqlId(me)}`;
    else if (query.view === 'account') where = supervisor ? `AccountId = ${soqlId(account)}` : null;
    else where = supervisor ? `(ContactId = ${soqlId(me)} OR AccountId = ${soqlId(account)})` : `ContactId = ${soqlId(me)}`;
    if (where === null) return pageOfScopedCases([], query, limit);
    const max = this.o.config.maxCases ?? 1000;
    const rows = await this.api.query<SfCase>(`SELECT ${this.caseFields()} FROM Case WHERE ${where} ORDER BY LastModifiedDate DESC LIMIT ${max}`, max);
    let cases = await this.mapCases(caller, rows);
    if (query.view === 'mine') cases = cases.filter((c) => c.requester.id === caller.principal.personId);
    if (query.view === 'account') cases = cases.filter((c) => c.account?.id === caller.principal.accountId);
    return pageOfScopedCases(cases, query, limit);
  }

  private async readCase(caller: Caller, id: string): Promise<SfCase | null> {
    const sf = salesforceId('sc', id);
    if (sf === null) return null;
    const [r] = await this.api.query<SfCase>(`SELECT ${this.caseFields()} FROM Case WHERE Id = ${soqlId(sf)}`);
    if (!r) return null;
    if (!this.owns(caller, r)) {
      this.o.log.warn({ vendor: 'salesforce', case: r.Id, person: caller.principal.personId }, 'dropped a Case outside the caller\'s scope that Salesforce returned');
      return null;
    }
    return r;
  }

  async getCase(caller: Caller, id: string): Promise<CaseRecord | null> {
    const r = await this.readCase(caller, id);
    if (!r) return null;
    const [c] = await this.mapCases(caller, [r]);
    if (!c) return null;
    c.attachments = (await this.files(caller.principal.tenant, r.Id)).filter((f) => !f.messageId).map(({ attachment }) => attachment);
    return c;
  }

  /** The Case's files visible to portal users: ContentDocumentLinks with Visibility AllUsers, each document's latest version. */
  private async files(tenant: string, caseSfId: string): Promise<{ attachment: Attachment; messageId: string | null; addedBy: PersonRef | null; version: SfContentVersion }[]> {
    const links = await this.api.query<SfRecord & { ContentDocumentId: string }>(`SELECT Id, ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = ${soqlId(caseSfId)} AND Visibility = 'AllUsers'`);
    if (!links.length) return [];
    const docs = [...new Set(links.map((l) => l.ContentDocumentId))];
    const versions = await this.api.query<SfContentVersion>(`SELECT Id, ContentDocumentId, Title, PathOnClient, ContentSize, CreatedDate, CreatedById FROM ContentVersion WHERE ContentDocumentId IN ${soqlIdList(docs)} AND IsLatest = true ORDER BY CreatedDate ASC`);
    const notes = await this.o.notes.get(tenant, versions.map((v) => v.Id));
    return versions.map((v) => {
      const note = notes.get(v.Id);
      const attachment = toAttachment(v);
      // A file the portal sent keeps the id it was uploaded under (the sender's page links that one).
      if (note?.fileId) Object.assign(attachment, { id: note.fileId, url: unsignedUrl(note.fileId) });
      return { attachment, messageId: note?.messageId ?? null, addedBy: note ? { id: note.by, name: note.name } : null, version: v };
    });
  }

  /** The public thread, oldest first: published CaseComments (private ones never), or FeedItems visible to all users. */
  private async thread(caller: Caller, r: SfCase): Promise<Message[]> {
    const entries: ThreadEntry[] = [];
    if ((this.o.config.thread ?? 'CaseComment') === 'CaseComment') {
      const rows = await this.api.query<SfRecord & { CommentBody?: string; IsPublished?: boolean; CreatedDate?: string; CreatedById?: string; CreatedBy?: { Name?: string } | null }>(
        `SELECT Id, CommentBody, IsPublished, CreatedDate, CreatedById, CreatedBy.Name FROM CaseComment WHERE ParentId = ${soqlId(r.Id)} AND IsPublished = true ORDER BY CreatedDate ASC`,
      );
      for (const x of rows) if (x.IsPublished === true) entries.push({ id: x.Id, body: typeof x.CommentBody === 'string' ? x.CommentBody : '', createdAt: time(x.CreatedDate, new Date(0).toISOString()), createdById: x.CreatedById ?? null, createdByName: x.CreatedBy?.Name ?? null });
    } else {
      const rows = await this.api.query<SfRecord & { Body?: string; Visibility?: string; CreatedDate?: string; CreatedById?: string; CreatedBy?: { Name?: string } | null }>(
        `SELECT Id, Body, Visibility, CreatedDate, CreatedById, CreatedBy.Name FROM FeedItem WHERE ParentId = ${soqlId(r.Id)} AND Visibility = 'AllUsers' AND Type = 'TextPost' ORDER BY CreatedDate ASC`,
      );
      for (const x of rows) if (x.Visibility === 'AllUsers') entries.push({ id: x.Id, body: typeof x.Body === 'string' ? x.Body : '', createdAt: time(x.CreatedDate, new Date(0).toISOString()), createdById: x.CreatedById ?? null, createdByName: x.CreatedBy?.Name ?? null });
    }
    const tenant = caller.principal.tenant;
    const notes = await this.o.notes.get(tenant, entries.map((e) => e.id));
    const files = await this.files(tenant, r.Id);
    return entries.map((e) => {
      const note = notes.get(e.id);
      // The portal's own entries name the person who wrote them; everything else is the help desk's.
      const author: Message['author'] = note ? { id: note.by, name: note.name, role: 'customer' } : { id: `sf_user_${e.createdById ?? 'unknown'}`, name: e.createdByName ?? 'Support', role: 'agent' };
      const attachments = files.filter((f) => f.messageId === messageIdOf(e.id)).map((f) => f.attachment);
      return toMessage(caseIdOf(r.Id), e, author, attachments);
    });
  }

  async listMessages(caller: Caller, caseId: string, cursor: string | null, limit: number, kinds: MessageKind[] = []): Promise<Page<Message>> {
    const r = await this.readCase(caller, caseId);
    const all = r ? await this.thread(caller, r) : [];
    const thread = kinds.length ? all.filter((m) => kinds.includes(m.kind)) : all;
    // The cursor counts the newest messages earlier pages held, as the SQL store's does.
    const skip = decodeCursor(cursor);
    const end = Math.max(0, thread.length - skip);
    const items = thread.slice(Math.max(0, end - limit), end);
    const seen = skip + items.length;
    return { items, total: thread.length, nextCursor: seen < thread.length ? encodeCursor(seen) : null };
  }

  async listHistory(caller: Caller, caseId: string): Promise<StatusChange[]> {
    const r = await this.readCase(caller, caseId);
    if (!r) return [];
    // Case field history: Status is tracked on every org (Setup → Object Manager → Case → Fields & Relationships → Set History Tracking).
    const rows = await this.api.query<SfRecord & { OldValue?: unknown; NewValue?: unknown; CreatedDate?: string }>(
      `SELECT Id, Field, OldValue, NewValue, CreatedDate FROM CaseHistory WHERE CaseId = ${soqlId(r.Id)} AND Field = 'Status' ORDER BY CreatedDate ASC`,
    );
    return toHistory(r, rows, (s) => this.statusOf(s));
  }

  async listFiles(caller: Caller, caseId: string): Promise<CaseFile[]> {
    const r = await this.readCase(caller, caseId);
    if (!r) return [];
    const [c] = await this.mapCases(caller, [r]);
    return (await this.files(caller.principal.tenant, r.Id)).map((f) => {
      const addedBy = f.addedBy ?? (f.version.CreatedById ? { id: `sf_user_${f.version.CreatedById}`, name: 'Support' } : { id: c!.requester.id, name: c!.requester.name });
      return { ...f.attachment, messageId: f.messageId, addedBy };
    });
  }

  /** A file's bytes for a download link's person, after the same scope check as reading its Case. */
  async openFile(caller: Caller, fileId: string): Promise<FileContent | null> {
    const tenant = caller.principal.tenant;
    const cv = salesforceId('sv', fileId) ?? (await this.o.notes.get<UploadNote>(tenant, [fileId])).get(fileId)?.versionId ?? null;
    if (cv === null) return null;
    const [version] = await this.api.query<SfContentVersion>(`SELECT Id, ContentDocumentId, Title, PathOnClient, ContentSize, CreatedDate FROM ContentVersion WHERE Id = ${soqlId(cv)}`);
    if (!version) return null;
    const links = await this.api.query<SfRecord & { LinkedEntityId: string }>(`SELECT Id, LinkedEntityId FROM ContentDocumentLink WHERE ContentDocumentId = ${soqlId(version.ContentDocumentId)} AND Visibility = 'AllUsers'`);
    let readable = false;
    for (const l of links) {
      if (typeof l.LinkedEntityId === 'string' && l.LinkedEntityId.startsWith('500') && (await this.readCase(caller, caseIdOf(l.LinkedEntityId)))) {
        readable = true;
        break;
      }
    }
    if (!readable) return null;
    const a = toAttachment(version);
    const { data } = await this.api.versionData(version.Id);
    return { name: a.name, type: a.type, size: data.byteLength, body: Readable.from([Buffer.from(data)]) };
  }

  // ---- writing ---------------------------------------------------------------------------------

  async createCase(caller: Caller, build: (number: number) => CaseWrite): Promise<CaseRecord> {
    // Salesforce numbers Cases itself (CaseNumber): the service's draft gets 0 and Salesforce's replaces it.
    const write = build(0);
    const draft = write.next;
    const me = salesforceId('sp', caller.principal.personId)!;
    await this.checkUploads(caller, write);
    const fields: Record<string, unknown> = {
      Subject: draft.subject,
      Description: draft.description,
      ContactId: me,
      Origin: 'Web',
      ...(caller.principal.accountId ? { AccountId: salesforceId('sa', caller.principal.accountId) } : {}),
      ...(draft.priority ? { Priority: draft.priority } : {}),
      ...(draft.category ? { Type: draft.category } : {}),
      ...this.customFields(draft.fields),
    };
    // The Case and the links of its files in one transaction (Composite, allOrNone): a Case never
    // appears without the files the customer sent with it.
    const staged = write.attach?.ids.length ? await this.stageFiles(caller, write.attach.ids, { caseId: 'salesforce-new-case', messageId: null }) : [];
    const done = await this.api.composite([{ method: 'POST', sobject: 'Case', referenceId: 'newCase', body: fields }, ...this.links(staged, '@{newCase.id}')]).catch(async (e: unknown) => {
      await this.unstage(caller, staged, write.attach?.ids ?? []);
      throw e;
    });
    const id = done ? (done.get('newCase') as { id?: string } | null)?.id : undefined;
    if (!id) {
      await this.unstage(caller, staged, write.attach?.ids ?? []);
      throw new HttpError(502, 'server', 'The help desk did not keep the new case.');
    }
    await this.finishFiles(caller, staged, null);
    const c = await this.getCase(caller, caseIdOf(id));
    if (!c) throw new HttpError(502, 'server', 'The help desk did not keep the new case with you as its contact.');
    await this.publish(caller, [caseChanged(c)]);
    return c;
  }

  async saveCase(caller: Caller, expectedVersion: number, write: CaseWrite): Promise<boolean> {
    const r = await this.readCase(caller, write.next.id);
    if (!r) return false;
    const tenant = caller.principal.tenant;
    const version = await this.o.state.versionOf(tenant, r.Id, r.SystemModstamp ?? '');
    if (version !== expectedVersion) return false;
    const before = toCase(r, version, this.context());
    const next = write.next;
    const change: Record<string, unknown> = {};
    if (next.priority !== before.priority) change.Priority = next.priority ?? null;
    if (next.category !== before.category) change.Type = next.category ?? null;
    if (next.subject !== before.subject) change.Subject = next.subject;
    Object.assign(change, this.customFields(next.fields, before.fields));
    if (write.statusChange) change.Status = this.vendorStatus(write.statusChange.to.id);
    if (write.feedback) {
      const ff = this.o.config.feedbackFields;
      if (!ff) throw new HttpError(403, 'forbidden', 'Feedback is switched off on this help desk.');
      change[ff.rating] = write.feedback.rating;
      if (ff.comment) change[ff.comment] = write.feedback.comment ?? null;
    }
    await this.checkUploads(caller, write);
    // The Case's change, the comment and the links of its files in one transaction (Composite,
    // allOrNone): a comment never lands without its status change or its files, nor the other way
    // round. If-Unmodified-Since: someone who changed the Case in Salesforce meanwhile wins, and the
    // portal reloads. The files' bytes go first (a multipart request cannot be part of a Composite),
    // unlinked; when the transaction fails they are deleted again and the uploads released.
    const comment = write.messages?.find((m) => m.kind === 'comment' || m.kind === 'complaint');
    const uploadIds = write.attach?.ids ?? [];
    const staged = uploadIds.length ? await this.stageFiles(caller, uploadIds, { caseId: next.id, messageId: write.attach!.messageId }) : [];
    const subrequests: Parameters<SalesforceApi['composite']>[0] = [];
    if (Object.keys(change).length) subrequests.push({ method: 'PATCH', sobject: 'Case', id: r.Id, referenceId: 'caseChange', body: change, ...(r.LastModifiedDate ? { unmodifiedSince: r.LastModifiedDate } : {}) });
    if (comment) {
      comment.body = commentText(comment.body, staged.map((f) => f.version.PathOnClient ?? f.version.Title ?? 'file'));
      subrequests.push({ method: 'POST', referenceId: 'comment', ...this.threadEntry(r.Id, comment.body) });
    }
    subrequests.push(...this.links(staged, r.Id));
    if (subrequests.length) {
      const done = await this.api.composite(subrequests).catch(async (e: unknown) => {
        await this.unstage(caller, staged, uploadIds);
        throw e;
      });
      if (!done) {
        await this.unstage(caller, staged, uploadIds);
        return false;
      }
      if (comment) {
        const sfId = (done.get('comment') as { id?: string } | null)?.id;
        if (!sfId) throw new HttpError(502, 'server', 'The help desk did not keep the message.');
        await this.o.notes.put(tenant, sfId, { by: caller.principal.personId, name: caller.viewer.name });
        comment.id = messageIdOf(sfId);
      }
    }
    if (staged.length) {
      const messageId = write.attach!.messageId ? (comment?.id ?? null) : null;
      const attached = await this.finishFiles(caller, staged, messageId);
      if (messageId && comment) comment.attachments = attached;
      else next.attachments = [...next.attachments, ...attached];
    }
    const after = await this.api.get<SfCase>('Case', r.Id, ['SystemModstamp']);
    await this.o.state.put(tenant, r.Id, after?.SystemModstamp ?? r.SystemModstamp ?? '', expectedVersion + 1);
    next.version = expectedVersion + 1;
    const events: PublishedEvent[] = [];
    if (comment) events.push(messageAdded(next, comment));
    events.push(caseChanged(next));
    await this.publish(caller, events);
    return true;
  }

  /** A public thread entry's record: a published CaseComment, or a FeedItem visible to all users. */
  private threadEntry(caseSfId: string, body: string): { sobject: string; body: Record<string, unknown> } {
    if ((this.o.config.thread ?? 'CaseComment') === 'CaseComment') return { sobject: 'CaseComment', body: { ParentId: caseSfId, CommentBody: body, IsPublished: true } };
    return { sobject: 'FeedItem', body: { ParentId: caseSfId, Body: body, Type: 'TextPost', Visibility: 'AllUsers' } };
  }

  /** Refuses a write naming uploads that are not the caller's unclaimed ones, before anything reaches Salesforce. */
  private async checkUploads(caller: Caller, write: CaseWrite): Promise<void> {
    for (const id of write.attach?.ids ?? []) {
      const row = await this.o.uploads.store.find(caller.principal.tenant, id);
      if (!row || row.person_id !== caller.principal.personId) throw validation(`Unknown attachment ${id}.`, { attachmentIds: `Unknown attachment ${id}.` });
      if (row.case_id !== null) throw validation(`Attachment ${id} is already attached.`, { attachmentIds: `Attachment ${id} is already attached.` });
      if (Number(row.size) > (this.o.config.maxUploadBytes ?? Infinity)) throw new HttpError(413, 'too_large', `${row.name} is larger than the help desk takes.`);
    }
  }

  /**
   * Claims the caller's uploads (so two writes racing for one send it once) and sends each to
   * Salesforce as a ContentVersion in the API user's library, not yet linked to a Case: the write's
   * Composite links them (`links`), visible to all users.
   */
  private async stageFiles(caller: Caller, ids: string[], target: { caseId: string; messageId: string | null }): Promise<Staged[]> {
    const { store, blobs, db } = this.o.uploads;
    const claimed = await store.claim(db, caller.principal, ids, target);
    if ('error' in claimed) throw validation(claimed.error, { attachmentIds: claimed.error });
    const staged: Staged[] = [];
    try {
      for (const a of claimed) {
        const row = (await store.find(caller.principal.tenant, a.id))!;
        const chunks: Buffer[] = [];
        for await (const piece of await blobs.open(row.blob_key)) chunks.push(piece as Buffer);
        const cvId = await this.api.createContentVersion({ Title: row.name.replace(/\.[^.]*$/, '') || row.name, PathOnClient: row.name }, { name: row.name, type: row.type, data: Buffer.concat(chunks) });
        const [version] = await this.api.query<SfContentVersion>(`SELECT Id, ContentDocumentId, Title, PathOnClient, ContentSize, CreatedDate FROM ContentVersion WHERE Id = ${soqlId(cvId)}`);
        if (!version) throw new HttpError(502, 'server', 'The help desk did not keep a file.');
        staged.push({ uploadId: a.id, blobKey: row.blob_key, version });
      }
    } catch (e) {
      await this.unstage(caller, staged, ids);
      throw e;
    }
    return staged;
  }

  /** The ContentDocumentLinks that put staged files on a Case for portal users (ShareType V: viewers). */
  private links(staged: Staged[], caseRef: string): Parameters<SalesforceApi['composite']>[0] {
    return staged.map((f, i) => ({ method: 'POST' as const, sobject: 'ContentDocumentLink', referenceId: `file${i}`, body: { ContentDocumentId: f.version.ContentDocumentId, LinkedEntityId: caseRef, ShareType: 'V', Visibility: 'AllUsers' } }));
  }

  /** A write that failed: its staged files are deleted from Salesforce, its uploads released for another try. */
  private async unstage(caller: Caller, staged: Staged[], ids: string[]): Promise<void> {
    for (const f of staged) {
      await this.api.delete('ContentDocument', f.version.ContentDocumentId).catch((e: unknown) =>
        this.o.log.error({ vendor: 'salesforce', document: f.version.ContentDocumentId, err: (e as Error).message }, 'could not delete a file of a failed write from Salesforce; it is in the API user\'s library, linked to no Case'),
      );
    }
    if (ids.length) await this.o.uploads.db.updateTable('attachments').set({ case_id: null, message_id: null, claimed_at: null }).where('tenant', '=', caller.principal.tenant).where('person_id', '=', caller.principal.personId).where('id', 'in', ids).execute();
  }

  /** After the write: each file noted (author, message, the upload id it keeps) and the server's copy removed, as Salesforce keeps it now. */
  private async finishFiles(caller: Caller, staged: Staged[], messageId: string | null): Promise<Attachment[]> {
    const tenant = caller.principal.tenant;
    const out: Attachment[] = [];
    for (const f of staged) {
      await this.o.notes.put(tenant, f.version.Id, { by: caller.principal.personId, name: caller.viewer.name, messageId, fileId: f.uploadId });
      await this.o.notes.put(tenant, f.uploadId, { versionId: f.version.Id });
      await this.o.uploads.db.deleteFrom('attachments').where('tenant', '=', tenant).where('id', '=', f.uploadId).execute();
      await this.o.uploads.blobs.delete(f.blobKey);
      out.push({ ...toAttachment(f.version), id: f.uploadId, url: unsignedUrl(f.uploadId) });
    }
    return out;
  }

  async saveCases(caller: Caller, writes: { expectedVersion: number; write: CaseWrite }[]): Promise<boolean> {
    // Only the agent API writes several cases at once, and agents work in Salesforce.
    if (writes.length !== 1) throw new HttpError(403, 'forbidden', 'Not available on this help desk.');
    return this.saveCase(caller, writes[0]!.expectedVersion, writes[0]!.write);
  }

  /** Nobody is copied on a Salesforce Case through the portal (participants are off). */
  async findPeople(_caller: Caller, inputs: ParticipantInput[]): Promise<(PersonRef | null)[]> {
    return inputs.map(() => null);
  }

  /** The other Contacts of the caller's Account, by name, without addresses. */
  async listColleagues(caller: Caller): Promise<PersonRef[]> {
    const account = salesforceId('sa', caller.principal.accountId);
    if (account === null) return [];
    const rows = await this.api.query<SfContact>(`SELECT Id, Name FROM Contact WHERE AccountId = ${soqlId(account)} ORDER BY Name ASC LIMIT 500`, 500);
    return rows
      .filter((r) => personIdOf(r.Id) !== caller.principal.personId)
      .map((r) => ({ id: personIdOf(r.Id), name: r.Name ?? 'Contact' }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async close(): Promise<void> {}

  /** Salesforce's Status value for a portal status. */
  private vendorStatus(portalId: string): string {
    for (const [api, def] of this.o.statuses.byApiName) if (def.id === portalId) return api;
    throw new HttpError(500, 'server', 'The org has no Case Status for a portal status.');
  }

  private customFields(fields: Record<string, unknown>, before?: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, api] of Object.entries(this.o.config.fields ?? {})) {
      if (!(key in fields) && !(before && key in before)) continue;
      if (before && JSON.stringify(before[key] ?? null) === JSON.stringify(fields[key] ?? null)) continue;
      out[api] = fields[key] ?? null;
    }
    return out;
  }

  private async publish(caller: Caller, events: PublishedEvent[]): Promise<void> {
    const hub = this.o.hub;
    if (!hub || !events.length) return;
    const stored = await hub.record(this.o.state.db, events.map((e) => ({ ...e, tenant: caller.principal.tenant })));
    hub.announce(stored);
  }
}

