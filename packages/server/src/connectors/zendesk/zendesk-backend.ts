import { decodeCursor, encodeCursor, type Attachment, type CaseFile, type CaseQuery, type CaseRecord, type HistoryEntry, type Message, type MessageKind, type Page, type ParticipantInput, type PersonRef, type PortalSchema } from '@case-portal/core';
import type { TokenClaims } from '../../auth/verify-token.js';
import type { Backend, Caller, CaseWrite, FileContent, UploadsInFlight } from '../../backend/types.js';
import { pageOfScopedCases } from '../../backend/scoped-page.js';
import type { EventHub, PublishedEvent } from '../../events/types.js';
import { HttpError, validation } from '../../http-error.js';
import { caseChanged, messageAdded } from '../../service/case-events.js';
import type { ConnectorState, LinkedFile } from '../connector-state.js';
import { VendorSignIn } from '../vendor-sign-in.js';
import type { StatusMap } from '../status-map.js';
import { commentText } from '../comment-text.js';
import { VendorError, type VendorLog } from '../vendor-http.js';
import type { TicketWrite, ZdAttachment, ZdComment, ZdTicket, ZdUser, ZendeskApi } from './api.js';
import type { ZendeskConfig } from './config.js';
import { accountIdOf, caseIdOf, ccAddresses, listedAttachments, messageIdOf, parseVendorFileId, People, personIdOf, toAttachment, toCase, toHistory, toMessage, vendorFileIdOf, zendeskId, type FileIdOf, type MapContext } from './mapping.js';

export interface ZendeskBackendOptions {
  api: ZendeskApi;
  config: ZendeskConfig;
  schema: PortalSchema;
  statuses: StatusMap;
  state: ConnectorState;
  hub?: EventHub;
  log: VendorLog;
  /** The server's uploads in flight: what a case or message attaches is read there and sent to Zendesk. */
  uploads?: UploadsInFlight;
  now?: () => Date;
}

/** A file sent to Zendesk for a write: our upload's id, Zendesk's upload token and attachment. */
interface SentFile {
  fileId: string;
  token: string;
  attachment: ZdAttachment;
}

interface KnownPerson {
  user: ZdUser;
  account: { id: string; name: string } | null;
}


/**
 * The case server's Backend over Zendesk Support. Storage-like only: the service layer above decides
 * what is allowed (core's availableActions); this reads tickets in the caller's scope and turns a
 * write into the Zendesk calls that make it. Scope is decided here from the verified principal, and
 * every ticket Zendesk returns is checked again (requester, CC, or the supervisor's organization):
 * a ticket that does not belong to the caller is dropped, whatever the list endpoint returned.
 */
export class ZendeskBackend implements Backend {
  readonly personFromClaims: Backend['personFromClaims'];
  private readonly api: ZendeskApi;

  constructor(private readonly o: ZendeskBackendOptions) {
    this.api = o.api;
    this.personFromClaims = new VendorSignIn<KnownPerson>({
      vendor: 'Zendesk',
      db: o.state.db,
      find: (claims) => this.resolvePerson(claims),
      person: ({ user, account }) => ({ id: personIdOf(user.id), name: user.name, email: user.email, account }),
    }).personFromClaims;
  }

  private async resolvePerson(claims: TokenClaims): Promise<KnownPerson> {
    const { config } = this.o;
    const byEmail = config.customerMatch === 'email';
    if (byEmail && !claims.email) throw new HttpError(401, 'unauthorized', 'The sign-in token carries no e-mail address.', undefined, { 'x-auth-detail': 'zendesk: customerMatch is email and the token has no email claim' });
    let user = await this.api.findUser(byEmail ? { email: claims.email! } : { externalId: claims.sub });
    if (!user) {
      if (config.createUsers === false) throw new HttpError(403, 'forbidden', 'You have no account at the help desk yet.');
      let organizationId: number | undefined;
      if (claims.org) {
        const org = (await this.api.organizationByExternalId(claims.org)) ?? (await this.api.createOrganization({ name: claims.org, external_id: claims.org }));
        organizationId = org.id;
      }
      user = await this.api.createUser({
        name: claims.name,
        ...(claims.email ? { email: claims.email } : {}),
        ...(byEmail ? {} : { external_id: claims.sub }),
        ...(organizationId ? { organization_id: organizationId } : {}),
      });
    }
    let account: KnownPerson['account'] = null;
    if (user.organization_id) {
      const org = await this.api.organization(user.organization_id);
      account = { id: accountIdOf(user.organization_id), name: org?.name ?? `Organization ${user.organization_id}` };
    }
    return { user, account };
  }

  /** Whether the caller may read the ticket: requester, CC'd, or a supervisor of its organization. */
  private owns(caller: Caller, t: ZdTicket): boolean {
    const me = zendeskId('zu', caller.principal.personId);
    if (me === null || typeof t.id !== 'number') return false;
    if (t.requester_id === me) return true;
    if ((t.collaborator_ids ?? []).includes(me)) return true;
    const org = caller.principal.accountId ? zendeskId('zo', caller.principal.accountId) : null;
    return caller.principal.role === 'supervisor' && org !== null && t.organization_id === org;
  }

  private context(people: People): MapContext {
    return { statuses: this.o.statuses, fields: this.o.config.fields ?? {}, people };
  }

  private async mapTickets(caller: Caller, tickets: ZdTicket[], people: People): Promise<CaseRecord[]> {
    const mine = tickets.filter((t) => {
      const ok = this.owns(caller, t);
      if (!ok) this.o.log.warn({ vendor: 'zendesk', ticket: t.id, person: caller.principal.personId }, 'dropped a ticket outside the caller\'s scope that Zendesk returned');
      return ok;
    });
    const versions = await this.o.state.versionsOf(caller.principal.tenant, mine.map((t) => ({ id: String(t.id), stamp: t.updated_at ?? '' })));
    return mine.map((t) => toCase(t, versions.get(String(t.id))!, this.context(people)));
  }

  async listCases(caller: Caller, query: CaseQuery, limit: number): Promise<Page<CaseRecord>> {
    const me = zendeskId('zu', caller.principal.personId)!;
    const org = caller.principal.accountId ? zendeskId('zo', caller.principal.accountId) : null;
    const supervisor = caller.principal.role === 'supervisor' && org !== null;
    const max = this.o.config.maxTickets ?? 1000;
    const paths: string[] = [];
    if (query.view === 'mine') paths.push(`/api/v2/users/${me}/tickets/requested`);
    else if (query.view === 'linked') paths.push(`/api/v2/users/${me}/tickets/ccd`);
    else if (query.view === 'account') paths.push(...(supervisor ? [`/api/v2/organizations/${org}/tickets`] : []));
    else paths.push(`/api/v2/users/${me}/tickets/requested`, `/api/v2/users/${me}/tickets/ccd`, ...(supervisor ? [`/api/v2/organizations/${org}/tickets`] : []));
    const people = new People();
    const byId = new Map<number, ZdTicket>();
    for (const path of paths) {
      const { tickets, sideloads } = await this.api.tickets(path, max);
      people.add(sideloads);
      for (const t of tickets) byId.set(t.id, t);
    }
    let cases = await this.mapTickets(caller, [...byId.values()], people);
    if (query.view === 'linked') cases = cases.filter((c) => c.requester.id !== caller.principal.personId);
    if (query.view === 'mine') cases = cases.filter((c) => c.requester.id === caller.principal.personId);
    if (query.view === 'account') cases = cases.filter((c) => c.account?.id === caller.principal.accountId);
    return pageOfScopedCases(cases, query, limit);
  }

  private async readTicket(caller: Caller, id: string): Promise<{ ticket: ZdTicket; people: People } | null> {
    const n = zendeskId('zt', id);
    if (n === null) return null;
    const got = await this.api.ticket(n);
    if (!got || !this.owns(caller, got.ticket)) return null;
    return { ticket: got.ticket, people: new People(got.sideloads) };
  }

  async getCase(caller: Caller, id: string): Promise<CaseRecord | null> {
    const got = await this.readTicket(caller, id);
    if (!got) return null;
    const [c] = await this.mapTickets(caller, [got.ticket], got.people);
    if (!c) return null;
    const { comments, sideloads } = await this.api.comments(got.ticket.id);
    got.people.add(sideloads);
    c.attachments = (await this.filesOf(caller, got.ticket.id, comments, got.people)).filter((f) => f.messageId === null).map(({ messageId: _m, addedBy: _a, ...a }) => a);
    return c;
  }

  /**
   * The files of a ticket's public comments, oldest first: the case's own (those of its first
   * comment, the description, and those the portal added to the case itself) with messageId null.
   */
  private async filesOf(caller: Caller, ticketId: number, comments: ZdComment[], people: People): Promise<CaseFile[]> {
    const caseId = caseIdOf(ticketId);
    const { idOf, links } = await this.fileIds(caller, ticketId, comments);
    const files: CaseFile[] = [];
    comments.forEach((cm, i) => {
      if (cm.public !== true) return;
      const m = toMessage(caseId, cm, people, idOf);
      const { role: _role, ...addedBy } = m.author;
      listedAttachments(cm).forEach((a, j) => {
        const own = i === 0 || links.get(String(a.id))?.caseFile === true;
        files.push({ ...m.attachments[j]!, messageId: own ? null : m.id, addedBy });
      });
    });
    return files.sort((x, y) => Date.parse(x.createdAt!) - Date.parse(y.createdAt!));
  }

  /** Our ids for the attachments of these comments: the upload's id for a file the portal sent, else `za_<ticket>_<attachment>`. */
  private async fileIds(caller: Caller, ticketId: number, comments: ZdComment[]): Promise<{ idOf: FileIdOf; links: Map<string, LinkedFile> }> {
    const ids = comments.flatMap((cm) => listedAttachments(cm).map((a) => String(a.id)));
    const links = ids.length ? await this.o.state.filesByVendorId(caller.principal.tenant, ids) : new Map<string, LinkedFile>();
    return { idOf: (a) => links.get(String(a.id))?.fileId ?? vendorFileIdOf(ticketId, a.id), links };
  }

  /** Public comments after the first (which is the ticket's description); internal notes never. */
  private async thread(caller: Caller, caseId: string): Promise<Message[] | null> {
    const got = await this.readTicket(caller, caseId);
    if (!got) return null;
    const { comments, sideloads } = await this.api.comments(got.ticket.id);
    got.people.add(sideloads);
    const { idOf } = await this.fileIds(caller, got.ticket.id, comments);
    return comments.slice(1).filter((cm) => cm.public === true).map((cm) => toMessage(caseId, cm, got.people, idOf));
  }

  async listMessages(caller: Caller, caseId: string, cursor: string | null, limit: number, kinds: MessageKind[] = []): Promise<Page<Message>> {
    const all = (await this.thread(caller, caseId)) ?? [];
    const thread = kinds.length ? all.filter((m) => kinds.includes(m.kind)) : all;
    // The cursor counts the newest messages earlier pages held, as the SQL store's does.
    const skip = decodeCursor(cursor);
    const end = Math.max(0, thread.length - skip);
    const items = thread.slice(Math.max(0, end - limit), end);
    const seen = skip + items.length;
    return { items, total: thread.length, nextCursor: seen < thread.length ? encodeCursor(seen) : null };
  }

  async listHistory(caller: Caller, caseId: string, opts: { participants?: boolean } = {}): Promise<HistoryEntry[]> {
    const got = await this.readTicket(caller, caseId);
    if (!got) return [];
    const { audits, sideloads } = await this.api.audits(got.ticket.id);
    got.people.add(sideloads);
    if (!opts.participants) return toHistory(audits, this.o.statuses, got.people);
    // Who copied whom: the portal person behind each of our writes, and the people the CC events name.
    const byAudit = await this.o.state.actorsOf(caller.principal.tenant, audits.map((a) => String(a.id)));
    const actors = new Map([...byAudit].map(([audit, person]) => [audit, zendeskId('zu', person)!]).filter(([, id]) => id !== null) as [string, number][]);
    for (const id of new Set(actors.values())) {
      if (got.people.user(id)) continue;
      const user = await this.api.user(id);
      if (user) got.people.add({ users: [user] });
    }
    const addresses = new Set(audits.flatMap((a) => (a.events ?? []).filter((e) => e.type === 'EmailCcChange').flatMap((e) => [...ccAddresses(e.previous_email_ccs), ...ccAddresses(e.current_email_ccs)])));
    for (const address of addresses) {
      if (got.people.byEmail(address)) continue;
      const user = await this.api.findUser({ email: address });
      if (user) got.people.add({ users: [user] });
    }
    return toHistory(audits, this.o.statuses, got.people, { actors });
  }

  async listFiles(caller: Caller, caseId: string): Promise<CaseFile[]> {
    const got = await this.readTicket(caller, caseId);
    if (!got) return [];
    const { comments, sideloads } = await this.api.comments(got.ticket.id);
    got.people.add(sideloads);
    return this.filesOf(caller, got.ticket.id, comments, got.people);
  }

  /**
   * A file of a ticket the caller may read, from a public comment, streamed from its content_url
   * (with our credential only on Zendesk's own origin). Null for anything else: an unknown id, a
   * ticket out of scope, an internal note's file, a file Zendesk no longer has.
   */
  async openFile(caller: Caller, fileId: string): Promise<FileContent | null> {
    let where = parseVendorFileId(fileId);
    if (!where) {
      const link = await this.o.state.fileById(caller.principal.tenant, fileId);
      if (!link) return null;
      where = { ticketId: Number(link.recordId), attachmentId: Number(link.vendorFileId) };
    }
    const got = await this.readTicket(caller, caseIdOf(where.ticketId));
    if (!got) return null;
    const { comments } = await this.api.comments(got.ticket.id);
    const a = comments.filter((cm) => cm.public === true).flatMap(listedAttachments).find((x) => x.id === where.attachmentId);
    if (!a || typeof a.content_url !== 'string') return null;
    try {
      const got = await this.api.download(a.content_url);
      return { name: typeof a.file_name === 'string' ? a.file_name : 'file', type: typeof a.content_type === 'string' ? a.content_type : (got.type ?? 'application/octet-stream'), size: got.size, body: got.body };
    } catch (e) {
      if (e instanceof VendorError && e.status === 404) return null;
      throw e;
    }
  }

  /**
   * Sends the caller's uploads to Zendesk (Attachments, "Upload Files"), each within the portal's
   * size limit (Zendesk's, or the configured lower one), which is checked before a byte is sent.
   * Refused like the SQL store refuses: someone else's or an unknown upload is a validation error.
   */
  private async sendFiles(caller: Caller, ids: string[]): Promise<SentFile[]> {
    if (!ids.length) return [];
    const pending = this.o.uploads ? await this.o.uploads.pending(caller.principal, ids) : { error: 'Unknown attachment.' };
    if ('error' in pending) throw validation(pending.error, { attachmentIds: pending.error });
    const max = this.o.schema.limits.maxAttachmentBytes;
    const over = pending.find((p) => max > 0 && p.size > max);
    if (over) throw new HttpError(413, 'too_large', `${over.name} is larger than the help desk accepts (${max} bytes).`, { attachmentIds: 'Too large.' });
    const sent: SentFile[] = [];
    for (const p of pending) {
      const bytes = await readAll(await p.open());
      sent.push({ fileId: p.id, ...(await this.api.upload(p.name, p.type, bytes)) });
    }
    return sent;
  }

  /** Zendesk keeps the sent files now: remember our ids for them, and drop our copies. */
  private async keepSent(caller: Caller, ticketId: number, sent: SentFile[], caseFile: boolean): Promise<void> {
    if (!sent.length) return;
    await this.o.state.linkFiles(caller.principal.tenant, sent.map((s) => ({ fileId: s.fileId, vendorFileId: String(s.attachment.id), recordId: String(ticketId), caseFile })));
    await this.o.uploads?.remove(caller.principal, sent.map((s) => s.fileId));
  }

  async createCase(caller: Caller, build: (number: number) => CaseWrite): Promise<CaseRecord> {
    // Zendesk numbers tickets itself: the service's draft gets 0 and the ticket's id replaces it.
    const write = build(0);
    const draft = write.next;
    const me = zendeskId('zu', caller.principal.personId)!;
    const sent = await this.sendFiles(caller, write.attach?.ids ?? []);
    const ticket: TicketWrite = {
      subject: draft.subject,
      comment: { body: draft.description.trim() || draft.subject, public: true, author_id: me, ...(sent.length ? { uploads: sent.map((s) => s.token) } : {}) },
      requester_id: me,
      ...(draft.priority ? { priority: draft.priority } : {}),
      ...(draft.category ? { type: draft.category } : {}),
      ...((draft.contacts ?? []).length ? { collaborator_ids: draft.contacts!.map((p) => zendeskId('zu', p.id)!) } : {}),
      ...this.customFields(draft.fields),
    };
    const { ticket: created, audit } = await this.api.createTicket(ticket);
    await this.keepSent(caller, created.id, sent, true);
    if (ticket.collaborator_ids && audit?.id) await this.o.state.rememberActor(caller.principal.tenant, String(audit.id), caller.principal.personId);
    const c = (await this.getCase(caller, caseIdOf(created.id))) ?? (await this.fallbackCase(caller, created));
    await this.publish(caller, [caseChanged(c)]);
    return c;
  }

  private async fallbackCase(caller: Caller, t: ZdTicket): Promise<CaseRecord> {
    const [c] = await this.mapTickets(caller, [t], new People());
    if (!c) throw new HttpError(502, 'server', 'The help desk did not keep the new case with you as its requester.');
    return c;
  }

  async saveCase(caller: Caller, expectedVersion: number, write: CaseWrite): Promise<boolean> {
    const got = await this.readTicket(caller, write.next.id);
    if (!got) return false;
    const t = got.ticket;
    const tenant = caller.principal.tenant;
    const version = await this.o.state.versionOf(tenant, String(t.id), t.updated_at ?? '');
    if (version !== expectedVersion) return false;
    const before = toCase(t, version, this.context(got.people));
    const me = zendeskId('zu', caller.principal.personId)!;
    const change: TicketWrite = {};
    const next = write.next;
    if (next.priority !== before.priority) change.priority = next.priority ?? null;
    if (next.category !== before.category) change.type = next.category ?? null;
    if (next.subject !== before.subject) change.subject = next.subject;
    const fields = this.customFields(next.fields, before.fields);
    if (fields.custom_fields) change.custom_fields = fields.custom_fields;
    if (write.statusChange) change.status = this.vendorStatus(write.statusChange.to.id);
    if (write.contactsChanged) change.collaborator_ids = (next.contacts ?? []).map((p) => zendeskId('zu', p.id)!);
    const comment = write.messages?.find((m) => m.kind === 'comment' || m.kind === 'complaint');
    if (comment) change.comment = { body: comment.body, public: true, author_id: me };
    const attach = write.attach?.ids.length ? write.attach : null;
    // Zendesk attaches files only to comments: files for the case itself go with a comment naming
    // them (its body is written once the uploads answered with the names Zendesk keeps).
    if (attach && !change.comment) change.comment = { body: 'Files added.', public: true, author_id: me };
    if (write.feedback && !this.o.config.oauthToken) throw new HttpError(403, 'forbidden', 'Feedback is switched off on this help desk.');

    let stamp = t.updated_at ?? '';
    let announced = comment;
    const extra: PublishedEvent[] = [];
    if (Object.keys(change).length) {
      if (t.status === 'closed') {
        // A closed ticket never changes again: a reopen (or anything else) becomes a follow-up ticket.
        if (!write.statusChange || write.statusChange.to.category === 'resolved' || write.statusChange.to.category === 'closed') throw new HttpError(403, 'forbidden', 'Not allowed: the case is closed.');
        if (attach) throw new HttpError(403, 'forbidden', 'Not allowed: the case is closed.');
        const { ticket: followup } = await this.api.createTicket({
          via_followup_source_id: t.id,
          subject: before.subject,
          requester_id: me,
          comment: { body: comment?.body ?? `Follow-up to #${t.id}.`, public: true, author_id: me },
        });
        // The closed case stays as it was, now pointing at its follow-up: that is what the customer gets back.
        Object.assign(next, { status: before.status, closedAt: before.closedAt, reopenCount: before.reopenCount, relatedIds: [...(before.relatedIds ?? []), caseIdOf(followup.id)] });
        announced = undefined;
        extra.push(caseChanged({ ...next, id: caseIdOf(followup.id) }));
      } else {
        const sent = await this.sendFiles(caller, attach?.ids ?? []);
        if (sent.length) {
          change.comment!.uploads = sent.map((s) => s.token);
          // Files added to the case, or sent as a reply without text: the comment names them.
          change.comment!.body = commentText(comment?.body ?? '', sent.map((s) => s.attachment.file_name));
          if (comment) comment.body = change.comment!.body;
        }
        const updated = await this.api.updateTicket(t.id, { ...change, safe_update: true, updated_stamp: t.updated_at });
        // Someone was faster: the uploads stay ours (unclaimed) for the client's retry; Zendesk drops its unused tokens.
        if (!updated) return false;
        // Zendesk names our API user as the audit's author: remember who in the portal copied or took someone off.
        if (write.contactsChanged && updated.audit?.id) await this.o.state.rememberActor(tenant, String(updated.audit.id), caller.principal.personId);
        await this.keepSent(caller, t.id, sent, attach?.messageId === null);
        const at = updated.ticket.updated_at ?? new Date().toISOString();
        const files: Attachment[] = sent.map((s) => toAttachment(s.attachment, at, () => s.fileId));
        if (attach?.messageId && comment) comment.attachments = files;
        else next.attachments = [...next.attachments, ...files];
        stamp = updated.ticket.updated_at ?? stamp;
        if (comment) {
          // Zendesk's id for the comment (the audit's Comment event) becomes the message's: the thread shows the same id.
          const event = updated.audit?.events.find((e) => e.type === 'Comment');
          if (event?.id) comment.id = messageIdOf(event.id);
        }
      }
    }
    if (write.feedback) {
      const who = caller.viewer.email ?? this.o.config.email ?? '';
      await this.api.rate(t.id, who, { score: write.feedback.rating >= 4 ? 'good' : 'bad', ...(write.feedback.comment ? { comment: write.feedback.comment } : {}) });
      const after = await this.api.ticket(t.id);
      stamp = after?.ticket.updated_at ?? stamp;
    }
    await this.o.state.put(tenant, String(t.id), stamp, expectedVersion + 1);
    next.version = expectedVersion + 1;
    const events: PublishedEvent[] = [];
    if (announced) events.push(messageAdded(next, announced));
    events.push(caseChanged(next), ...extra);
    await this.publish(caller, events);
    return true;
  }

  async saveCases(caller: Caller, writes: { expectedVersion: number; write: CaseWrite }[]): Promise<boolean> {
    // Only the agent API writes several cases at once, and agents work in Zendesk.
    if (writes.length !== 1) throw new HttpError(403, 'forbidden', 'Not available on this help desk.');
    return this.saveCase(caller, writes[0]!.expectedVersion, writes[0]!.write);
  }

  async findPeople(caller: Caller, inputs: ParticipantInput[]): Promise<(PersonRef | null)[]> {
    const out: (PersonRef | null)[] = [];
    for (const input of inputs) {
      let user: ZdUser | null;
      if ('id' in input) {
        const n = zendeskId('zu', input.id);
        const candidate = n === null ? null : await this.api.user(n);
        const org = caller.principal.accountId ? zendeskId('zo', caller.principal.accountId) : null;
        user = candidate && org !== null && candidate.organization_id === org && candidate.role === 'end-user' ? candidate : null;
      } else {
        const email = input.email.trim().toLowerCase();
        const found = await this.api.findUser({ email });
        user = found && found.email?.toLowerCase() === email ? found : null;
      }
      out.push(user ? (user.email ? { id: personIdOf(user.id), name: user.name, email: user.email } : { id: personIdOf(user.id), name: user.name }) : null);
    }
    return out;
  }

  async listColleagues(caller: Caller): Promise<PersonRef[]> {
    const org = caller.principal.accountId ? zendeskId('zo', caller.principal.accountId) : null;
    if (org === null) return [];
    const users = await this.api.organizationUsers(org, 500);
    return users
      .filter((u) => u.role === 'end-user' && personIdOf(u.id) !== caller.principal.personId)
      .map((u) => ({ id: personIdOf(u.id), name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async close(): Promise<void> {}

  /** Zendesk's status for a portal status: the first one the map sends there. */
  private vendorStatus(portalId: string): string {
    const [z] = this.o.statuses.vendorStatuses([portalId]);
    if (!z) throw new HttpError(500, 'server', 'The status map has no Zendesk status for a portal status.');
    return z;
  }

  private customFields(fields: Record<string, unknown>, before?: Record<string, unknown>): { custom_fields?: { id: number; value: unknown }[] } {
    const out: { id: number; value: unknown }[] = [];
    for (const [key, id] of Object.entries(this.o.config.fields ?? {})) {
      if (!(key in fields) && !(before && key in before)) continue;
      if (before && JSON.stringify(before[key] ?? null) === JSON.stringify(fields[key] ?? null)) continue;
      out.push({ id, value: fields[key] ?? null });
    }
    return out.length ? { custom_fields: out } : {};
  }

  private async publish(caller: Caller, events: PublishedEvent[]): Promise<void> {
    const hub = this.o.hub;
    if (!hub || !events.length) return;
    const stored = await hub.record(this.o.state.db, events.map((e) => ({ ...e, tenant: caller.principal.tenant })));
    hub.announce(stored);
  }
}

/** A stream's bytes (an upload within the size limit, sent to Zendesk in one request so a retry can resend it). */
async function readAll(source: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source as AsyncIterable<Buffer>) parts.push(part);
  return Buffer.concat(parts);
}
