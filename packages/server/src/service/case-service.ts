import { randomUUID } from 'node:crypto';
import {
  applyPatch,
  availableActions,
  BODY_MAX,
  checkCaseInput,
  checkPatch,
  checkParticipantInput,
  FEEDBACK_COMMENT_MAX,
  participantLimit,
  statusAfterCustomerMessage,
  statusById,
  SYSTEM_AUTHOR,
  type CaseAction,
  type CaseInput,
  type CaseRecord,
  type CaseStatus,
  type FieldValue,
  type Message,
  type MessageInput,
  type ParticipantChange,
  type ParticipantInput,
  type PersonRef,
  type PortalSchema,
  type StatusChange,
  type TransitionAction,
  type TransitionInput,
} from '@case-portal/core';
import type { Backend, Caller, CaseWrite } from '../backend/types.js';
import type { PublishedEvent } from '../events/types.js';
import { HttpError, notFound, validation } from '../http-error.js';
import { formatCaseNumber } from '../store/sql-store.js';
import { caseChanged, messageAdded } from './case-events.js';

const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '')}`;

function failIf(errors: Record<string, string>): void {
  if (Object.keys(errors).length) {
    throw validation(Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join(' '), errors);
  }
}

/** Hears a stored message with the case as that write left it. */
export type MessageListener = (caller: Caller, c: CaseRecord, message: Message) => void;

const forbidden = (reason: string) => new HttpError(403, 'forbidden', `Not allowed: ${reason}.`);
const conflict = (c: CaseRecord, seen: number | undefined) => new HttpError(409, 'conflict', `The case is at version ${c.version}, not ${seen}.`);

/**
 * The policy above the backend: core's `availableActions` decides every write (the same function
 * the elements render their buttons from), core's checks validate every input, and the backend
 * only stores. Reads out of scope are 404.
 */
export class CaseService {
  private readonly messageListeners: MessageListener[] = [];

  constructor(
    readonly backend: Backend,
    readonly schema: PortalSchema,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Called after each message posted through `postMessage` is stored (the pretend agent listens). */
  onMessage(listener: MessageListener): void {
    this.messageListeners.push(listener);
  }

  async readable(caller: Caller, id: string): Promise<CaseRecord> {
    const c = await this.backend.getCase(caller, id);
    if (!c) throw notFound(`No case ${id}.`);
    return c;
  }

  /** The case, if the policy allows the caller every one of these actions on it. */
  private async allowed(caller: Caller, id: string, ...actions: CaseAction[]): Promise<CaseRecord> {
    const c = await this.readable(caller, id);
    const available = availableActions(c, caller.viewer, this.schema, this.now());
    for (const action of actions) {
      const a = available[action];
      if (!a.allowed) throw forbidden(a.reason);
    }
    return c;
  }

  async createCase(caller: Caller, input: CaseInput): Promise<CaseRecord> {
    const { viewer } = caller;
    if (!this.schema.features.create || !viewer.permissions.includes('create')) throw forbidden('no-permission');
    const errors = checkCaseInput(this.schema, input);
    this.checkAttachmentIds(input.attachmentIds, errors);
    failIf(errors);
    const contacts = await this.people(caller, input.participants ?? [], 'participants');
    const now = this.now();
    const at = now.toISOString();
    const service = this.schema.services.find((s) => s.value === input.service);
    const hours = (h: number | undefined) => (h ? { dueAt: new Date(now.getTime() + h * 3_600_000).toISOString(), metAt: null } : null);
    const fields = Object.fromEntries(Object.entries(input.fields ?? {}).filter(([, v]) => v !== undefined && v !== ''));
    const status = this.status(this.schema.statuses.find((s) => s.category === 'new')?.id ?? this.schema.statuses[0]!.id);
    const requester = viewer.email ? { id: viewer.id, name: viewer.name, email: viewer.email } : { id: viewer.id, name: viewer.name };
    return this.backend.createCase(caller, (n) => {
      const c: CaseRecord = {
        id: newId('c'),
        number: formatCaseNumber(n),
        subject: input.subject.trim(),
        description: input.description ?? '',
        status,
        origin: 'web',
        priority: input.priority ?? null,
        category: input.category ?? null,
        service: input.service ?? null,
        requester,
        owner: null,
        account: viewer.account ? { ...viewer.account } : null,
        contacts,
        createdAt: at,
        updatedAt: at,
        closedAt: null,
        reopenCount: 0,
        sla: service && (service.responseHours || service.resolutionHours) ? { response: hours(service.responseHours), resolution: hours(service.resolutionHours) } : null,
        fields,
        attachments: [],
        relatedIds: [],
        feedback: null,
        version: 1,
      };
      return {
        next: c,
        statusChange: { at, from: null, to: status },
        attach: input.attachmentIds?.length ? { ids: input.attachmentIds, messageId: null } : undefined,
        contactsChanged: contacts.length > 0,
        // One "added" entry per person named, right after "created as".
        participantChanges: contacts.map((person) => this.participantChange(caller, 'participant-added', person, at)),
        events: [this.changed(c)],
      };
    });
  }

  async updateCase(caller: Caller, id: string, changes: Record<string, FieldValue>, version: number): Promise<CaseRecord> {
    const c = await this.allowed(caller, id, 'update');
    if (version !== c.version) throw conflict(c, version);
    failIf(checkPatch(this.schema, changes));
    const { next, changed } = applyPatch(c, changes);
    if (!changed) return c;
    return this.save(caller, c, { next: this.touch(next), events: [this.changed(next)] });
  }

  async transition(caller: Caller, id: string, action: TransitionAction, input: TransitionInput): Promise<CaseRecord> {
    const c = await this.allowed(caller, id, action);
    if (input.version !== undefined && input.version !== c.version) throw conflict(c, input.version);
    const errors: Record<string, string> = {};
    let statusId: string | null;
    if (action === 'close') {
      statusId = input.status ?? this.schema.closeStatuses[0] ?? null;
      if (!statusId || !this.schema.closeStatuses.includes(statusId)) errors.status = 'Not a close status.';
      if (input.reason && !this.schema.closeReasons.some((r) => r.value === input.reason)) errors.reason = 'Unknown reason.';
    } else {
      statusId = action === 'cancel' ? this.schema.cancelStatus : this.schema.reopenStatus;
    }
    if (input.comment !== undefined && input.comment.length > BODY_MAX) errors.comment = `At most ${BODY_MAX} characters.`;
    failIf(errors);
    const to = this.status(statusId!);
    const at = this.now().toISOString();
    const next: CaseRecord = { ...c, status: to };
    if (action === 'reopen') {
      next.reopenCount = c.reopenCount + 1;
      next.closedAt = null;
      if (c.sla?.resolution) next.sla = { ...c.sla, resolution: { ...c.sla.resolution, metAt: null } };
    } else {
      next.closedAt = at;
      if (c.sla?.resolution && !c.sla.resolution.metAt) next.sla = { ...c.sla, resolution: { ...c.sla.resolution, metAt: at } };
    }
    const reason = this.schema.closeReasons.find((r) => r.value === input.reason)?.label ?? input.reason ?? '';
    const messages = [this.message(caller, id, 'event', reason, at, { from: c.status, to })];
    const comment = input.comment?.trim();
    if (comment) messages.push(this.message(caller, id, 'comment', comment, at));
    const by = { ...messages[0]!.author };
    const change: StatusChange = { at, from: c.status, to, by };
    if (reason) change.reason = reason;
    return this.save(caller, c, { next: this.touch(next), messages, statusChange: change, events: [...messages.map((m) => this.added(next, m)), this.changed(next)] });
  }

  async postMessage(caller: Caller, caseId: string, input: MessageInput): Promise<Message> {
    const kind = input.kind ?? 'comment';
    if (kind !== 'comment' && kind !== 'complaint') failIf({ kind: 'comment or complaint.' });
    const files = input.attachmentIds ?? [];
    // Files need the attach action too: a complaint about a finished case takes text only.
    const c = await this.allowed(caller, caseId, kind === 'complaint' ? 'complain' : 'reply', ...(files.length ? (['attach'] as const) : []));
    const errors: Record<string, string> = {};
    const body = input.body.trim();
    // Files alone are a reply too (a screenshot says it all); text nor files is nothing to send.
    if (!body && !files.length) errors.body = 'Required.';
    else if (body.length > BODY_MAX) errors.body = `At most ${BODY_MAX} characters.`;
    this.checkAttachmentIds(input.attachmentIds, errors);
    failIf(errors);
    const at = this.now().toISOString();
    const message = this.message(caller, caseId, kind, body, at);
    const next = this.touch({ ...c });
    const messages = [message];
    let statusChange: StatusChange | undefined;
    // A reply to "awaiting your reply" hands the case back to support (core's rule, as in the memory adapter).
    const handedBack = statusAfterCustomerMessage(c, this.schema, kind);
    if (handedBack) {
      next.status = handedBack;
      messages.push(this.message(caller, caseId, 'event', '', at, { from: c.status, to: handedBack }, SYSTEM_AUTHOR));
      statusChange = { at, from: c.status, to: handedBack, by: { ...SYSTEM_AUTHOR } };
    }
    await this.save(caller, c, {
      next,
      messages,
      statusChange,
      attach: files.length ? { ids: files, messageId: message.id } : undefined,
      events: [...messages.map((m) => this.added(next, m)), this.changed(next)],
    });
    for (const listener of this.messageListeners) listener(caller, next, message);
    return message;
  }

  async addFiles(caller: Caller, caseId: string, ids: string[]): Promise<CaseRecord> {
    const c = await this.allowed(caller, caseId, 'attach');
    const errors: Record<string, string> = {};
    if (!ids.length) errors.attachmentIds = 'Required.';
    this.checkAttachmentIds(ids, errors);
    failIf(errors);
    const next = this.touch({ ...c, attachments: [...c.attachments] });
    return this.save(caller, c, { next, attach: { ids, messageId: null }, events: [this.changed(next)] });
  }

  async submitFeedback(caller: Caller, caseId: string, rating: number, comment: string | undefined): Promise<CaseRecord> {
    const c = await this.allowed(caller, caseId, 'feedback');
    const errors: Record<string, string> = {};
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) errors.rating = 'A whole number from 1 to 5.';
    if (comment !== undefined && comment.length > FEEDBACK_COMMENT_MAX) errors.comment = `At most ${FEEDBACK_COMMENT_MAX} characters.`;
    failIf(errors);
    const at = this.now().toISOString();
    const text = comment?.trim();
    const next = this.touch({ ...c, feedback: text ? { rating, comment: text, submittedAt: at } : { rating, submittedAt: at } });
    return this.save(caller, c, { next, feedback: { rating, comment: text ?? null, submittedAt: at }, events: [this.changed(next)] });
  }

  /** Copies someone on the case (policy action "participants"; core's participantLimit). */
  async addParticipant(caller: Caller, caseId: string, input: ParticipantInput): Promise<CaseRecord> {
    const c = await this.allowed(caller, caseId, 'participants');
    const problem = checkParticipantInput(input);
    if (problem) failIf({ participant: problem });
    const [person] = await this.people(caller, [input], 'participant');
    if (person!.id === c.requester.id) failIf({ participant: 'The person who opened the case is on it already.' });
    if (c.contacts?.some((p) => p.id === person!.id)) failIf({ participant: `${person!.name} is copied on this case already.` });
    const limit = participantLimit(c, this.schema);
    if (!limit.allowed) throw forbidden(limit.reason);
    const next = this.touch({ ...c, contacts: [...(c.contacts ?? []), person!] });
    const change = this.participantChange(caller, 'participant-added', person!, next.updatedAt);
    return this.save(caller, c, { next, contactsChanged: true, participantChanges: [change], events: [this.changed(next)] });
  }

  /** Stops copying someone; they lose the case (404 for them from then on). */
  async removeParticipant(caller: Caller, caseId: string, personId: string): Promise<CaseRecord> {
    const c = await this.allowed(caller, caseId, 'participants');
    if (!c.contacts?.some((p) => p.id === personId)) failIf({ participant: 'Not copied on this case.' });
    const person = c.contacts!.find((p) => p.id === personId)!;
    const next = this.touch({ ...c, contacts: (c.contacts ?? []).filter((p) => p.id !== personId) });
    const change = this.participantChange(caller, 'participant-removed', person, next.updatedAt);
    return this.save(caller, c, { next, contactsChanged: true, participantChanges: [change], events: [this.changed(next)] });
  }

  /** A history entry for a participant change: `by` names the caller (no address: it is shown to everyone on the case). */
  private participantChange(caller: Caller, kind: ParticipantChange['kind'], person: PersonRef, at: string): ParticipantChange {
    return { kind, at, by: { id: caller.viewer.id, name: caller.viewer.name, role: 'customer' }, person: { ...person } };
  }

  /**
   * The people the inputs name (the backend's findPeople), checked: each known, once, not the
   * caller. A problem is a validation error under `key`.
   */
  private async people(caller: Caller, inputs: ParticipantInput[], key: string): Promise<PersonRef[]> {
    if (!inputs.length) return [];
    const found = await this.backend.findPeople(caller, inputs);
    const people: PersonRef[] = [];
    for (const [i, p] of found.entries()) {
      if (!p) failIf({ [key]: 'id' in inputs[i]! ? 'Not a colleague.' : 'No one with this address uses the portal yet.' });
      else if (key === 'participants' && (p.id === caller.viewer.id || people.some((x) => x.id === p.id))) failIf({ [key]: 'Each person once, and not yourself.' });
      else people.push(p);
    }
    return people;
  }

  /** Stores the write if nobody changed the case meanwhile; otherwise the caller gets a conflict. */
  private async save(caller: Caller, before: CaseRecord, write: CaseWrite): Promise<CaseRecord> {
    if (!(await this.backend.saveCase(caller, before.version, write))) throw conflict(before, before.version);
    return write.next;
  }

  private checkAttachmentIds(ids: string[] | undefined, errors: Record<string, string>): void {
    if (!ids?.length) return;
    if (!this.schema.features.attachments) errors.attachmentIds = 'Attachments are switched off.';
    else if (ids.length > this.schema.limits.maxAttachmentsPerMessage) errors.attachmentIds = `At most ${this.schema.limits.maxAttachmentsPerMessage} files.`;
    else if (new Set(ids).size !== ids.length) errors.attachmentIds = 'Each file once.';
  }

  private touch(c: CaseRecord): CaseRecord {
    c.version += 1;
    c.updatedAt = this.now().toISOString();
    return c;
  }

  private status(id: string): CaseStatus {
    const s = statusById(this.schema, id);
    if (!s) throw new HttpError(500, 'server', 'The portal configuration names an unknown status.');
    return s;
  }

  /** A message by the caller (or by `author`: SYSTEM_AUTHOR for what a rule did). */
  private message(caller: Caller, caseId: string, kind: Message['kind'], body: string, at: string, event?: Message['event'], author?: Message['author']): Message {
    const { viewer } = caller;
    // By name: a customer's address is not written into what colleagues, people copied and supervisors read.
    const by = author ? { ...author } : { id: viewer.id, name: viewer.name, role: 'customer' as const };
    const m: Message = { id: newId('m'), caseId, kind, body, author: by, channel: 'web', createdAt: at, attachments: [], public: true };
    if (event) m.event = event;
    return m;
  }

  private changed(c: CaseRecord): PublishedEvent {
    return caseChanged(c);
  }

  private added(c: CaseRecord, m: Message): PublishedEvent {
    return messageAdded(c, m);
  }
}
