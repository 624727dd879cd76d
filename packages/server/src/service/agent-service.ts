import { randomUUID } from 'node:crypto';
import {
  BODY_MAX,
  FINISHED_CATEGORIES,
  statusById,
  type CaseQuery,
  type CaseRecord,
  type CaseStatus,
  type Deadline,
  type Message,
  type Page,
  type PortalSchema,
  type StatusCategory,
  isStatusChange,
  type StatusChange,
} from '@case-portal/core';
import type { Backend, Caller, CaseWrite } from '../backend/types.js';
import { HttpError, notFound, validation } from '../http-error.js';
import { caseChanged, messageAdded } from './case-events.js';

const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '')}`;
const THREAD_PAGE = 500;
/** Cases in these categories wait for support: an agent's public answer hands them to the customer. */
const AWAITING_SUPPORT: readonly StatusCategory[] = ['new', 'open', 'pending-agent'];
/** Categories whose case counts as closed: closedAt is set, the resolution target is met. */
const CLOSING: readonly StatusCategory[] = ['resolved', 'closed', 'canceled', 'merged'];

function failIf(errors: Record<string, string>): void {
  if (Object.keys(errors).length) throw validation(Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join(' '), errors);
}

const conflict = (c: CaseRecord, seen: number) => new HttpError(409, 'conflict', `The case is at version ${c.version}, not ${seen}.`);

export interface AgentReply {
  body: string;
  /** An internal note: stored for agents, never shown to a customer or supervisor. */
  internal?: boolean;
  /** Set this status with the reply; without it a public reply on a case waiting for support makes it wait for the customer. */
  status?: string;
}

export interface DeadlinesInput {
  response?: Deadline | null;
  resolution?: Deadline | null;
}

/** A case as an agent works it: the record, its whole thread (internal notes included) and its history. */
export interface AgentCaseView {
  case: CaseRecord;
  messages: Message[];
  history: StatusChange[];
}

/**
 * What a help desk agent does to the tenant's cases, on the same Backend as the customer routes
 * (so events, history and versions behave the same): reply or note, change status, set deadlines,
 * merge, link. Callers must be agents (the routes refuse everyone else); every write checks the
 * version it read, and a stale `expectedVersion` from If-Match is a conflict.
 */
export class AgentService {
  constructor(
    readonly backend: Backend,
    readonly schema: PortalSchema,
    private readonly now: () => Date = () => new Date(),
  ) {}

  listCases(caller: Caller, query: CaseQuery, limit: number): Promise<Page<CaseRecord>> {
    return this.backend.listCases(caller, query, limit);
  }

  async get(caller: Caller, id: string): Promise<CaseRecord> {
    const c = await this.backend.getCase(caller, id);
    if (!c) throw notFound(`No case ${id}.`);
    return c;
  }

  async view(caller: Caller, id: string): Promise<AgentCaseView> {
    const c = await this.get(caller, id);
    const messages: Message[] = [];
    let cursor: string | null = null;
    // Pages come newest first: prepend each older page.
    do {
      const page: Page<Message> = await this.backend.listMessages(caller, id, cursor, THREAD_PAGE);
      messages.unshift(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return { case: c, messages, history: (await this.backend.listHistory(caller, id)).filter(isStatusChange) };
  }

  async reply(caller: Caller, id: string, input: AgentReply, expectedVersion: number | null): Promise<Message> {
    const c = this.checkVersion(await this.get(caller, id), expectedVersion);
    const body = input.body.trim();
    const errors: Record<string, string> = {};
    if (!body) errors.body = 'Required.';
    else if (body.length > BODY_MAX) errors.body = `At most ${BODY_MAX} characters.`;
    const chosen = input.status === undefined ? undefined : this.statusOrError(input.status, errors);
    failIf(errors);
    const at = this.now().toISOString();
    const message = this.message(caller, id, 'comment', body, at, !input.internal);
    if (!input.internal && FINISHED_CATEGORIES.includes((chosen ?? c.status).category)) {
      throw new HttpError(403, 'forbidden', 'Not allowed: case-finished. Set a status that reopens it first.');
    }
    let to = chosen;
    if (to === undefined && !input.internal && AWAITING_SUPPORT.includes(c.status.category)) {
      to = this.schema.statuses.find((s) => s.category === 'pending-customer');
    }
    const statusMoves = !!to && to.id !== c.status.id;
    // An internal note alone leaves the case as the customer sees it: same version, same updatedAt, no case event.
    if (input.internal && !statusMoves) {
      await this.save(caller, c, { next: c, messages: [message], events: [messageAdded(c, message)] });
      return message;
    }
    const next: CaseRecord = { ...c, owner: c.owner ?? this.agentRef(caller) };
    if (!input.internal && c.sla?.response && !c.sla.response.metAt) next.sla = { ...c.sla, response: { ...c.sla.response, metAt: at } };
    const messages = [message];
    let statusChange: StatusChange | undefined;
    if (statusMoves) {
      const moved = this.moveStatus(caller, next, to!, at, null);
      messages.unshift(moved.event);
      statusChange = moved.change;
    }
    this.touch(next);
    await this.save(caller, c, { next, messages, statusChange, events: [...messages.map((m) => messageAdded(next, m)), caseChanged(next)] });
    return message;
  }

  async setStatus(caller: Caller, id: string, input: { status: string; reason?: string; comment?: string }, expectedVersion: number | null): Promise<CaseRecord> {
    const c = this.checkVersion(await this.get(caller, id), expectedVersion);
    const errors: Record<string, string> = {};
    const to = this.statusOrError(input.status, errors);
    if (input.reason !== undefined && input.reason.length > 500) errors.reason = 'At most 500 characters.';
    if (input.comment !== undefined && input.comment.length > BODY_MAX) errors.comment = `At most ${BODY_MAX} characters.`;
    failIf(errors);
    if (to!.id === c.status.id) return c;
    const at = this.now().toISOString();
    const next: CaseRecord = { ...c };
    const { event, change } = this.moveStatus(caller, next, to!, at, input.reason?.trim() || null);
    const messages = [event];
    const comment = input.comment?.trim();
    if (comment) messages.push(this.message(caller, id, 'comment', comment, at, true));
    this.touch(next);
    await this.save(caller, c, { next, messages, statusChange: change, events: [...messages.map((m) => messageAdded(next, m)), caseChanged(next)] });
    return next;
  }

  async setDeadlines(caller: Caller, id: string, input: DeadlinesInput, expectedVersion: number): Promise<CaseRecord> {
    const c = this.checkVersion(await this.get(caller, id), expectedVersion);
    const errors: Record<string, string> = {};
    for (const key of ['response', 'resolution'] as const) {
      const d = input[key];
      if (!d) continue;
      if (!isInstant(d.dueAt)) errors[`${key}.dueAt`] = 'A date and time in ISO 8601 with a time zone.';
      if (d.metAt !== undefined && d.metAt !== null && !isInstant(d.metAt)) errors[`${key}.metAt`] = 'A date and time in ISO 8601 with a time zone, or null.';
    }
    failIf(errors);
    const norm = (d: Deadline | null | undefined, old: Deadline | null | undefined) =>
      d === undefined ? (old ?? null) : d === null ? null : { dueAt: new Date(d.dueAt).toISOString(), metAt: d.metAt ? new Date(d.metAt).toISOString() : null };
    const response = norm(input.response, c.sla?.response);
    const resolution = norm(input.resolution, c.sla?.resolution);
    const next = this.touch({ ...c, sla: response || resolution ? { response, resolution } : null });
    await this.save(caller, c, { next, events: [caseChanged(next)] });
    return next;
  }

  /** `id` is merged into `intoId`: it takes the merged status and points to the target; both are linked. */
  async merge(caller: Caller, id: string, intoId: string, expectedVersion: number | null): Promise<{ merged: CaseRecord; target: CaseRecord }> {
    if (id === intoId) failIf({ into: 'A case cannot be merged into itself.' });
    const source = this.checkVersion(await this.get(caller, id), expectedVersion);
    const target = await this.get(caller, intoId).catch((e: unknown) => {
      if (e instanceof HttpError && e.status === 404) failIf({ into: 'No such case.' });
      throw e;
    });
    const mergedStatus = this.schema.statuses.find((s) => s.category === 'merged');
    if (!mergedStatus) failIf({ status: 'The portal configures no status of category "merged".' });
    if (source.status.category === 'merged') failIf({ id: 'This case is merged already.' });
    if (target.status.category === 'merged') failIf({ into: 'The target is merged itself: merge into the case it was merged into.' });
    const at = this.now().toISOString();
    const next: CaseRecord = { ...source, relatedIds: [target.id, ...(source.relatedIds ?? []).filter((x) => x !== target.id)] };
    const { event, change } = this.moveStatus(caller, next, mergedStatus!, at, `Merged into ${target.number}`);
    this.touch(next);
    const nextTarget = this.touch({ ...target, relatedIds: withId(target.relatedIds, source.id) });
    const saved = await this.backend.saveCases(caller, [
      { expectedVersion: source.version, write: { next, messages: [event], statusChange: change, events: [messageAdded(next, event), caseChanged(next)] } },
      { expectedVersion: target.version, write: { next: nextTarget, events: [caseChanged(nextTarget)] } },
    ]);
    if (!saved) throw new HttpError(409, 'conflict', 'One of the cases changed meanwhile: reload both and try again.');
    return { merged: next, target: nextTarget };
  }

  /** Relates two cases both ways (relatedIds); linking twice changes nothing. */
  async link(caller: Caller, id: string, otherId: string, expectedVersion: number | null): Promise<{ case: CaseRecord; other: CaseRecord }> {
    if (id === otherId) failIf({ caseId: 'A case cannot be linked to itself.' });
    const a = this.checkVersion(await this.get(caller, id), expectedVersion);
    const b = await this.get(caller, otherId).catch((e: unknown) => {
      if (e instanceof HttpError && e.status === 404) failIf({ caseId: 'No such case.' });
      throw e;
    });
    const writes: { expectedVersion: number; write: CaseWrite }[] = [];
    const nextA = (a.relatedIds ?? []).includes(b.id) ? a : this.touch({ ...a, relatedIds: withId(a.relatedIds, b.id) });
    const nextB = (b.relatedIds ?? []).includes(a.id) ? b : this.touch({ ...b, relatedIds: withId(b.relatedIds, a.id) });
    if (nextA !== a) writes.push({ expectedVersion: a.version, write: { next: nextA, events: [caseChanged(nextA)] } });
    if (nextB !== b) writes.push({ expectedVersion: b.version, write: { next: nextB, events: [caseChanged(nextB)] } });
    if (writes.length && !(await this.backend.saveCases(caller, writes))) throw new HttpError(409, 'conflict', 'One of the cases changed meanwhile: reload both and try again.');
    return { case: nextA, other: nextB };
  }

  /**
   * Moves `next` to status `to` (not yet touched): closedAt and the resolution target follow the
   * category, and the change is recorded as a public event message and a history entry by the agent.
   */
  private moveStatus(caller: Caller, next: CaseRecord, to: CaseStatus, at: string, reason: string | null): { event: Message; change: StatusChange } {
    const from = next.status;
    next.status = to;
    const closing = CLOSING.includes(to.category);
    next.closedAt = closing ? (CLOSING.includes(from.category) ? (next.closedAt ?? at) : at) : null;
    const resolution = next.sla?.resolution;
    if (resolution && closing && !resolution.metAt) next.sla = { ...next.sla, resolution: { ...resolution, metAt: at } };
    if (resolution && !closing && resolution.metAt) next.sla = { ...next.sla, resolution: { ...resolution, metAt: null } };
    const event = this.message(caller, next.id, 'event', reason ?? '', at, true, { from, to });
    const change: StatusChange = { at, from, to, by: { ...event.author } };
    if (reason) change.reason = reason;
    return { event, change };
  }

  private checkVersion(c: CaseRecord, expected: number | null): CaseRecord {
    if (expected !== null && expected !== c.version) throw conflict(c, expected);
    return c;
  }

  private statusOrError(id: string, errors: Record<string, string>): CaseStatus | undefined {
    const s = statusById(this.schema, id);
    if (!s) errors.status = `Unknown status (one of ${this.schema.statuses.map((x) => x.id).join(', ')}).`;
    return s;
  }

  private async save(caller: Caller, before: CaseRecord, write: CaseWrite): Promise<void> {
    if (!(await this.backend.saveCase(caller, before.version, write))) throw conflict(before, before.version);
  }

  private touch(c: CaseRecord): CaseRecord {
    c.version += 1;
    c.updatedAt = this.now().toISOString();
    return c;
  }

  private agentRef(caller: Caller) {
    const { viewer } = caller;
    return viewer.email ? { id: viewer.id, name: viewer.name, email: viewer.email } : { id: viewer.id, name: viewer.name };
  }

  private message(caller: Caller, caseId: string, kind: Message['kind'], body: string, at: string, isPublic: boolean, event?: Message['event']): Message {
    const m: Message = { id: newId('m'), caseId, kind, body, author: { ...this.agentRef(caller), role: 'agent' }, channel: 'web', createdAt: at, attachments: [], public: isPublic };
    if (event) m.event = event;
    return m;
  }
}

function withId(ids: string[] | undefined, id: string): string[] {
  return (ids ?? []).includes(id) ? [...(ids ?? [])] : [...(ids ?? []), id];
}

/** An ISO 8601 date-time with a zone ("2026-12-01T10:00:00Z", "…+01:00"): what Deadline carries. */
function isInstant(v: unknown): boolean {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
}
