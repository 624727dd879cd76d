import { Readable } from 'node:stream';
import { decodeCursor, encodeCursor, type Attachment, type CaseFile, type CaseQuery, type CaseRecord, type Message, type MessageKind, type Page, type ParticipantInput, type PersonRef, type PortalSchema, type StatusChange } from '@case-portal/core';
import type { Kysely } from 'kysely';
import type { TokenClaims } from '../../auth/verify-token.js';
import type { Backend, Caller, CaseWrite, FileContent } from '../../backend/types.js';
import { pageOfScopedCases } from '../../backend/scoped-page.js';
import type { Tables } from '../../db/tables.js';
import type { EventHub, PublishedEvent } from '../../events/types.js';
import type { BlobStore } from '../../files/types.js';
import { HttpError, validation } from '../../http-error.js';
import type { Principal } from '../../principal.js';
import { caseChanged, messageAdded } from '../../service/case-events.js';
import type { ConnectorState } from '../connector-state.js';
import { VendorSignIn } from '../vendor-sign-in.js';
import { commentText } from '../comment-text.js';
import { VendorError, type VendorLog } from '../vendor-http.js';
import { CASE_SCHEMA_UID, FILE_TYPE_FILE, lit, type CreatioApi, type CrCase, type CrContact, type CrFile, type CrLifecycle, type CrMessage, type Guid } from './api.js';
import type { CreatioConfig } from './config.js';
import { Lookups } from './lookups.js';
import { accountIdOf, caseIdOf, creatioId, fileGuid, fileType, messageIdOf, personIdOf, toAttachment, toCase, toHistory, toMessage, type MapContext } from './mapping.js';

export interface CreatioBackendOptions {
  api: CreatioApi;
  config: CreatioConfig;
  schema: PortalSchema;
  lookups: Lookups;
  state: ConnectorState;
  /** Which message a file came with: Creatio's CaseFile has no column for it, so the connector keeps it. */
  fileMessages: ConnectorState;
  /** The server's uploads (the `attachments` table and its blob store): files go to Creatio from there. */
  uploads: { db: Kysely<Tables>; blobs: BlobStore };
  hub?: EventHub;
  log: VendorLog;
}

interface KnownPerson {
  contact: CrContact;
  account: { id: string; name: string } | null;
}

const CONTACT_SELECT = ['Id', 'Name', 'Email', 'AccountId'];
const CASE_EXPAND = 'Contact($select=Id,Name,Email),Account($select=Id,Name),Owner($select=Id,Name)';

/**
 * The case server's Backend over Creatio's OData 4 API. Storage-like only: the service layer above
 * decides what is allowed; this reads cases in the caller's scope and turns a write into the
 * OData calls that make it. Scope is decided here from the verified principal, and every case
 * Creatio returns is checked again (the caller's contact, or the supervisor's account): a case
 * outside it is dropped, whatever the query returned. Cases are read without `$select`, so a custom
 * column an admin renamed or removed reads as absent instead of failing the page.
 */
export class CreatioBackend implements Backend {
  readonly personFromClaims: Backend['personFromClaims'];
  private readonly api: CreatioApi;

  constructor(private readonly o: CreatioBackendOptions) {
    this.api = o.api;
    this.personFromClaims = new VendorSignIn<KnownPerson>({
      vendor: 'Creatio',
      db: o.state.db,
      find: (claims) => this.resolvePerson(claims),
      person: ({ contact, account }) => ({ id: personIdOf(contact.Id), name: contact.Name, email: contact.Email, account }),
    }).personFromClaims;
  }

  private async resolvePerson(claims: TokenClaims): Promise<KnownPerson> {
    const match = this.o.config.customerMatch;
    let filter: string;
    if (match === 'email') {
      if (!claims.email) throw new HttpError(401, 'unauthorized', 'The sign-in token carries no e-mail address.', undefined, { 'x-auth-detail': 'creatio: customerMatch is email and the token has no email claim' });
      filter = `Email eq ${lit(claims.email)}`;
    } else {
      filter = `${match.field} eq ${lit(claims.sub)}`;
    }
    const { value } = await this.api.page<CrContact>('Contact', { filter, select: CONTACT_SELECT, top: 2, orderby: 'CreatedOn asc' });
    let contact = value[0];
    if (!contact) {
      // A portal user Creatio does not know yet: a contact of their own (an admin links it to an account).
      contact = await this.api.create<CrContact>('Contact', {
        Name: claims.name,
        ...(claims.email ? { Email: claims.email } : {}),
        ...(match === 'email' ? {} : { [match.field]: claims.sub }),
      });
    }
    let account: KnownPerson['account'] = null;
    if (contact.AccountId) {
      const a = await this.api.get<{ Id: Guid; Name?: string }>('Account', contact.AccountId, { select: ['Id', 'Name'] });
      account = { id: accountIdOf(contact.AccountId), name: a?.Name ?? 'Account' };
    }
    return { contact, account };
  }

  /** Whether the caller may read the case: its contact, or a supervisor of its account. */
  private owns(p: Principal, c: CrCase): boolean {
    const me = creatioId('cp', p.personId);
    if (!me || typeof c.Id !== 'string') return false;
    if (c.ContactId === me) return true;
    const account = p.accountId ? creatioId('ca', p.accountId) : null;
    return p.role === 'supervisor' && account !== null && c.AccountId === account;
  }

  private async context(): Promise<MapContext> {
    return { lookups: await this.o.lookups.get(), statuses: this.o.schema.statuses, fields: this.o.config.fields ?? {} };
  }

  private readonly unknownStatus = (id: string) => this.o.log.warn({ vendor: 'creatio', status: id }, 'a case status the status map does not know; shown as open');

  private async mapCases(p: Principal, cases: CrCase[]): Promise<CaseRecord[]> {
    const mine = cases.filter((c) => {
      const ok = this.owns(p, c);
      if (!ok) this.o.log.warn({ vendor: 'creatio', case: c.Id, person: p.personId }, "dropped a case outside the caller's scope that Creatio returned");
      return ok;
    });
    const ctx = await this.context();
    const versions = await this.o.state.versionsOf(p.tenant, mine.map((c) => ({ id: c.Id, stamp: c.ModifiedOn ?? '' })));
    return mine.map((c) => toCase(c, versions.get(c.Id)!, ctx, this.unknownStatus));
  }

  async listCases(caller: Caller, query: CaseQuery, limit: number): Promise<Page<CaseRecord>> {
    const p = caller.principal;
    const me = creatioId('cp', p.personId)!;
    const account = p.accountId ? creatioId('ca', p.accountId) : null;
    const supervisor = p.role === 'supervisor' && account !== null;
    const filter = supervisor ? `(Contact/Id eq ${me} or Account/Id eq ${account})` : `Contact/Id eq ${me}`;
    const found = await this.api.all<CrCase>('Case', { filter, expand: CASE_EXPAND, orderby: 'ModifiedOn desc' }, this.o.config.maxCases ?? 1000);
    let cases = await this.mapCases(p, found);
    if (query.view === 'mine') cases = cases.filter((c) => c.requester.id === p.personId);
    if (query.view === 'account') cases = cases.filter((c) => c.account?.id === p.accountId);
    if (query.view === 'linked') cases = [];
    return pageOfScopedCases(cases, query, limit);
  }

  /** The case if it is the caller's (else null, like a case that does not exist). */
  private async readCase(p: Principal, id: string): Promise<CrCase | null> {
    const guid = creatioId('cc', id);
    if (!guid) return null;
    const c = await this.api.get<CrCase>('Case', guid, { expand: CASE_EXPAND });
    return c && this.owns(p, c) ? c : null;
  }

  async getCase(caller: Caller, id: string): Promise<CaseRecord | null> {
    return this.getCaseOf(caller.principal, id);
  }

  private async getCaseOf(p: Principal, id: string): Promise<CaseRecord | null> {
    const c = await this.readCase(p, id);
    if (!c) return null;
    const [record] = await this.mapCases(p, [c]);
    if (!record) return null;
    // The case's own files: those no message brought.
    const files = await this.files(c.Id);
    const byMessage = await this.messageOfFiles(p.tenant, files);
    record.attachments = files.filter((f) => !byMessage.get(f.Id)).map(toAttachment);
    return record;
  }

  private files(caseGuid: Guid): Promise<CrFile[]> {
    return this.api.all<CrFile>('CaseFile', { filter: `Case/Id eq ${caseGuid}`, select: ['Id', 'CaseId', 'Name', 'Size', 'CreatedOn', 'CreatedById'], expand: 'CreatedBy($select=Id,Name)', orderby: 'CreatedOn asc' });
  }

  /** CaseFile id → our message id, for the files a message brought. */
  private async messageOfFiles(tenant: string, files: CrFile[]): Promise<Map<Guid, string>> {
    const out = new Map<Guid, string>();
    for (const f of files) {
      const m = await this.o.fileMessages.stampOf(tenant, f.Id);
      if (m) out.set(f.Id, m);
    }
    return out;
  }

  /** The case's feed: messages of the Case object's record only, oldest first. Creatio's internal notes (the case's Notes) are never read. */
  private async thread(p: Principal, caseId: string): Promise<{ c: CrCase; messages: Message[]; files: CrFile[] } | null> {
    const c = await this.readCase(p, caseId);
    if (!c) return null;
    const [raw, files] = await Promise.all([
      this.api.all<CrMessage>('SocialMessage', {
        filter: `EntityId eq ${c.Id} and EntitySchemaUId eq ${CASE_SCHEMA_UID}`,
        select: ['Id', 'Message', 'EntityId', 'EntitySchemaUId', 'CreatedOn', 'CreatedById'],
        expand: 'CreatedBy($select=Id,Name,AccountId)',
        orderby: 'CreatedOn asc',
      }),
      this.files(c.Id),
    ]);
    const byMessage = await this.messageOfFiles(p.tenant, files);
    const messages = raw
      // Filtered again: a feed message of another record is never part of this case's thread.
      .filter((m) => m.EntityId === c.Id && m.EntitySchemaUId === CASE_SCHEMA_UID)
      .map((m) => toMessage(c, m, files.filter((f) => byMessage.get(f.Id) === messageIdOf(m.Id)).map(toAttachment)));
    return { c, messages, files };
  }

  async listMessages(caller: Caller, caseId: string, cursor: string | null, limit: number, kinds: MessageKind[] = []): Promise<Page<Message>> {
    const all = (await this.thread(caller.principal, caseId))?.messages ?? [];
    const thread = kinds.length ? all.filter((m) => kinds.includes(m.kind)) : all;
    // The cursor counts the newest messages earlier pages held, as the SQL store's does.
    const skip = decodeCursor(cursor);
    const end = Math.max(0, thread.length - skip);
    const items = thread.slice(Math.max(0, end - limit), end);
    const seen = skip + items.length;
    return { items, total: thread.length, nextCursor: seen < thread.length ? encodeCursor(seen) : null };
  }

  async listHistory(caller: Caller, caseId: string): Promise<StatusChange[]> {
    const record = await this.getCaseOf(caller.principal, caseId);
    if (!record) return [];
    const guid = creatioId('cc', caseId)!;
    const periods = await this.api.all<CrLifecycle>('CaseLifecycle', { filter: `Case/Id eq ${guid}`, select: ['Id', 'CaseId', 'StatusId', 'StartDate', 'EndDate'], orderby: 'StartDate asc' });
    return toHistory(record, periods, await this.context(), this.unknownStatus);
  }

  async listFiles(caller: Caller, caseId: string): Promise<CaseFile[]> {
    const got = await this.thread(caller.principal, caseId);
    if (!got) return [];
    const byMessage = await this.messageOfFiles(caller.principal.tenant, got.files);
    const visible = new Set(got.messages.map((m) => m.id));
    const out: CaseFile[] = [];
    for (const f of got.files) {
      const messageId = byMessage.get(f.Id) ?? null;
      if (messageId && !visible.has(messageId)) continue;
      const by = f.CreatedById ?? f.CreatedBy?.Id;
      out.push({ ...toAttachment(f), messageId, ...(by ? { addedBy: { id: personIdOf(by), name: f.CreatedBy?.Name ?? 'Support' } } : {}) });
    }
    return out;
  }

  async openFile(caller: Caller, id: string): Promise<FileContent | null> {
    const guid = fileGuid(id);
    if (!guid) return null;
    const p = caller.principal;
    const f = await this.api.get<CrFile>('CaseFile', guid, { select: ['Id', 'CaseId', 'Name', 'Size'] });
    if (!f?.CaseId) return null;
    // The same scope as the case itself, and for a message's file, a message of its thread.
    const got = await this.thread(p, caseIdOf(f.CaseId));
    if (!got) return null;
    const messageId = await this.o.fileMessages.stampOf(p.tenant, f.Id);
    if (messageId && !got.messages.some((m) => m.id === messageId)) return null;
    const data = await this.api.getData('CaseFile', guid);
    if (!data) return null;
    const name = f.Name ?? 'file';
    return { name, type: fileType(name), size: data.length, body: Readable.from([data]) };
  }

  async createCase(caller: Caller, build: (number: number) => CaseWrite): Promise<CaseRecord> {
    // Creatio numbers cases itself: the service's draft gets 0 and Creatio's Number replaces it.
    const write = build(0);
    const draft = write.next;
    const p = caller.principal;
    const me = creatioId('cp', p.personId)!;
    const set = await this.o.lookups.get();
    const files = write.attach?.ids.length ? await this.uploadsOf(p, write.attach.ids) : [];
    const record: Record<string, unknown> = {
      Subject: draft.subject,
      Symptoms: draft.description,
      ContactId: me,
      ...(p.accountId ? { AccountId: creatioId('ca', p.accountId) } : {}),
      ...this.statusColumn(set, draft.status.id),
      ...(Lookups.byValue(set.priorities, draft.priority) ? { PriorityId: Lookups.byValue(set.priorities, draft.priority) } : {}),
      ...(Lookups.byValue(set.origins, 'portal') ? { OriginId: Lookups.byValue(set.origins, 'portal') } : {}),
      ...this.fieldColumns(draft.fields),
    };
    const created = await this.api.create<CrCase>('Case', record);
    await this.sendFiles(p, created.Id, files, null);
    const c = await this.getCaseOf(p, caseIdOf(created.Id));
    if (!c) throw new HttpError(502, 'server', 'The help desk did not keep the new case with you as its contact.');
    await this.publish(p, [caseChanged(c)]);
    return c;
  }

  async saveCase(caller: Caller, expectedVersion: number, write: CaseWrite): Promise<boolean> {
    const p = caller.principal;
    const c = await this.readCase(p, write.next.id);
    if (!c) return false;
    const version = await this.o.state.versionOf(p.tenant, c.Id, c.ModifiedOn ?? '');
    if (version !== expectedVersion) return false;
    const set = await this.o.lookups.get();
    const [before] = await this.mapCases(p, [c]);
    const next = write.next;
    const change: Record<string, unknown> = {};
    if (next.priority !== before!.priority) change.PriorityId = Lookups.byValue(set.priorities, next.priority);
    if (next.subject !== before!.subject) change.Subject = next.subject;
    Object.assign(change, this.fieldColumns(next.fields, before!.fields));
    if (write.statusChange) Object.assign(change, this.statusColumn(set, write.statusChange.to.id));
    if (write.feedback) {
      const level = set.satisfaction.find((s) => s.Point === write.feedback!.rating);
      if (!level) throw new HttpError(500, 'server', 'Creatio has no satisfaction level for this rating.');
      change.SatisfactionLevelId = level.Id;
      change.SatisfactionLevelComment = write.feedback.comment ?? '';
    }
    const files = write.attach?.ids.length ? await this.uploadsOf(p, write.attach.ids) : [];
    const comment = write.messages?.find((m) => m.kind === 'comment' || m.kind === 'complaint');
    if (Object.keys(change).length) await this.api.update('Case', c.Id, change);
    if (comment) {
      const me = creatioId('cp', p.personId)!;
      comment.body = commentText(comment.body, files.map((f) => f.name));
      const posted = await this.api.create<CrMessage>('SocialMessage', { Message: comment.body, EntitySchemaUId: CASE_SCHEMA_UID, EntityId: c.Id, CreatedById: me });
      // Creatio's id becomes the message's: the thread shows the same id.
      comment.id = messageIdOf(posted.Id);
    }
    const sent = await this.sendFiles(p, c.Id, files, write.attach?.messageId ? (comment?.id ?? null) : null);
    if (sent.length) {
      if (comment && write.attach?.messageId) comment.attachments = sent;
      else next.attachments = [...next.attachments, ...sent];
    }
    // The version follows the Case record: a change to it (or a file of the case's own) makes the
    // next one; a message, and the files that came with it, leave the Case record as it was in
    // Creatio, so a close sent right after a reply with the version the page holds still applies.
    const caseFiles = sent.length > 0 && !(comment && write.attach?.messageId);
    if (Object.keys(change).length || caseFiles) {
      const after = await this.api.get<CrCase>('Case', c.Id, { select: ['Id', 'ModifiedOn'] });
      await this.o.state.put(p.tenant, c.Id, after?.ModifiedOn ?? c.ModifiedOn ?? '', expectedVersion + 1);
      next.version = expectedVersion + 1;
    } else {
      next.version = expectedVersion;
    }
    const events: PublishedEvent[] = [];
    if (comment) events.push(messageAdded(next, comment));
    events.push(caseChanged(next));
    await this.publish(p, events);
    return true;
  }

  async saveCases(caller: Caller, writes: { expectedVersion: number; write: CaseWrite }[]): Promise<boolean> {
    // Only the agent API writes several cases at once, and agents work in Creatio.
    if (writes.length !== 1) throw new HttpError(403, 'forbidden', 'Not available on this help desk.');
    return this.saveCase(caller, writes[0]!.expectedVersion, writes[0]!.write);
  }

  async findPeople(_caller: Caller, inputs: ParticipantInput[]): Promise<(PersonRef | null)[]> {
    // No one is copied on a Creatio case from the portal (the schema has participants off).
    return inputs.map(() => null);
  }

  async listColleagues(caller: Caller): Promise<PersonRef[]> {
    const account = caller.principal.accountId ? creatioId('ca', caller.principal.accountId) : null;
    if (!account) return [];
    const contacts = await this.api.all<CrContact>('Contact', { filter: `Account/Id eq ${account}`, select: ['Id', 'Name'], orderby: 'Name asc' }, 500);
    return contacts
      .filter((x) => personIdOf(x.Id) !== caller.principal.personId)
      .map((x) => ({ id: personIdOf(x.Id), name: x.Name ?? 'Contact' }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async close(): Promise<void> {}

  private statusColumn(set: Awaited<ReturnType<Lookups['get']>>, portalId: string): { StatusId?: Guid } {
    const id = Lookups.creatioStatus(set, portalId);
    if (!id) throw new HttpError(500, 'server', `Creatio has no case status for the portal status "${portalId}".`);
    return { StatusId: id };
  }

  private fieldColumns(fields: Record<string, unknown>, before?: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(this.o.config.fields ?? {})) {
      if (!(key in fields) && !(before && key in before)) continue;
      if (before && JSON.stringify(before[key] ?? null) === JSON.stringify(fields[key] ?? null)) continue;
      out[column] = fields[key] ?? '';
    }
    return out;
  }

  /** The caller's own unclaimed uploads, all or none (someone else's reads as unknown, like one that does not exist). */
  private async uploadsOf(p: Principal, ids: string[]) {
    const rows = await this.o.uploads.db.selectFrom('attachments').selectAll().where('tenant', '=', p.tenant).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row || row.person_id !== p.personId || row.case_id !== null || !fileGuid(id)) throw validation(`Unknown attachment ${id}.`, { attachmentIds: `Unknown attachment ${id}.` });
      return row;
    });
  }

  /**
   * Each upload becomes a CaseFile with the upload's GUID (POST, then PUT of its Data), and leaves
   * the server: the upload's row and bytes are deleted once Creatio holds them, so the file has one
   * home. A file that came with a message is remembered as that message's.
   */
  private async sendFiles(p: Principal, caseGuid: Guid, rows: Awaited<ReturnType<CreatioBackend['uploadsOf']>>, messageId: string | null): Promise<Attachment[]> {
    const out: Attachment[] = [];
    const me = creatioId('cp', p.personId)!;
    for (const row of rows) {
      const guid = fileGuid(row.id)!;
      const bytes = await readAll(await this.o.uploads.blobs.open(row.blob_key));
      try {
        await this.api.create<CrFile>('CaseFile', { Id: guid, CaseId: caseGuid, Name: row.name, Size: bytes.length, TypeId: FILE_TYPE_FILE, CreatedById: me });
        await this.api.putData('CaseFile', guid, bytes);
      } catch (e) {
        if (e instanceof VendorError && e.status === 413) throw new HttpError(413, 'too_large', `${row.name} is larger than the help desk accepts.`, { file: 'Too large.' });
        throw e;
      }
      if (messageId) await this.o.fileMessages.put(p.tenant, guid, messageId, 1);
      const gone = await this.o.uploads.db.deleteFrom('attachments').where('tenant', '=', p.tenant).where('id', '=', row.id).where('case_id', 'is', null).returning('blob_key').executeTakeFirst();
      if (gone) await this.o.uploads.blobs.delete(gone.blob_key);
      out.push({ id: row.id, name: row.name, size: bytes.length, type: row.type, url: `attachments/${row.id}/content`, createdAt: new Date().toISOString() });
    }
    return out;
  }

  private async publish(p: Principal, events: PublishedEvent[]): Promise<void> {
    const hub = this.o.hub;
    if (!hub || !events.length) return;
    const stored = await hub.record(this.o.state.db, events.map((e) => ({ ...e, tenant: p.tenant })));
    hub.announce(stored);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
