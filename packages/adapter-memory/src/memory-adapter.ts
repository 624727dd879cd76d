/**
 * The embedded default backend: seeded demo data, kept in Web Storage so a reload keeps what the
 * visitor created, shared with other tabs through a BroadcastChannel. It enforces what a real
 * backend enforces (visibility, the lifecycle policy, validation, versions, idempotency), so the
 * elements meet every error state without a server.
 */
import {
  assertAttachmentAllowed,
  AdapterError,
  availableActions,
  canRead,
  CaseIndex,
  decodeCursor,
  encodeCursor,
  checkParticipantInput,
  FINISHED_CATEGORIES,
  MESSAGE_KINDS,
  participantLimit,
  redactContacts,
  redactHistory,
  statusAfterCustomerMessage,
  statusById,
  SYSTEM_AUTHOR,
  throwIfAborted,
  type AddFilesInput,
  type AdapterEvent,
  type Attachment,
  type CallOptions,
  type CaseAction,
  type CaseAdapter,
  type CaseFile,
  type CaseInput,
  type CasePatch,
  type CaseQuery,
  type CaseRecord,
  type CaseStatus,
  type FeedbackInput,
  type Message,
  type MessageInput,
  type MessageQuery,
  type Page,
  type HistoryEntry,
  type ParticipantChange,
  type ParticipantInput,
  type PersonRef,
  type PortalSchema,
  type StatusChange,
  type SubscribeTarget,
  type TransitionAction,
  type TransitionInput,
  type UploadOptions,
  type Viewer,
  type WriteOptions,
} from '@case-portal/core';
import { DEFAULT_VIEWER_ID, DEMO_AGENTS, DEMO_PEOPLE, findDemoPerson, personRef } from './people.js';
import { buildSchema } from './schema.js';
import {
  caseNumber,
  DEFAULT_CASE_COUNT,
  DEFAULT_SEED,
  FIRST_CASE_NUMBER,
  generateCases,
  seedCase,
  seededCaseId,
  seedThread,
  type SeedContext,
} from './seed.js';
import {
  DEFAULT_STORAGE_KEY,
  defaultStorage,
  readSnapshot,
  SNAPSHOT_FORMAT,
  writeSnapshot,
  type IdempotencyRecord,
  type Snapshot,
  type StoredParticipantChange,
  type StoredUpload,
} from './storage.js';
import { storeFile } from './uploads.js';
import { applyPatch, BODY_MAX, checkCaseInput, checkPatch, fail, FEEDBACK_COMMENT_MAX } from './validate.js';

export interface MemoryAdapterOptions {
  /** Where state persists. Default `window.localStorage`; `null` keeps it in memory only. */
  storage?: Storage | null;
  /** Storage key, also the BroadcastChannel name. Default "case-portal:memory:v1". */
  storageKey?: string;
  /** Which demo person is signed in (see DEMO_PEOPLE). Default the ordinary customer. */
  viewerId?: string;
  /** A viewer of your own instead of a demo person (e.g. one without permissions). */
  viewer?: Viewer;
  now?: () => Date;
  seed?: number;
  /** Default 64; 100,000 works (threads are generated lazily). */
  caseCount?: number;
  /** Simulated network latency per call. Default 0. */
  latencyMs?: number;
  /** Overrides of the demo schema, per top-level key. */
  schema?: Partial<PortalSchema>;
}

const MESSAGE_PAGE = 50;
const MESSAGE_PAGE_MAX = 200;
const IDEMPOTENCY_KEEP = 500;
/** Below this many cases every sort is quick enough on demand: no idle-time warm-up. */
const WARM_THRESHOLD = 5000;
/**
 * The longest slice of the idle-time warm-up: what the idle period offers, up to this (an input
 * arriving meanwhile waits at most this long; under the 50 ms of a long task).
 */
const WARM_SLICE_MS = 40;

interface WriteResult<T> {
  result: T;
  events: AdapterEvent[];
}

interface Listener {
  target: SubscribeTarget;
  fn: (event: AdapterEvent) => void;
}

interface Broadcast {
  from: string;
  events: AdapterEvent[];
}

export class MemoryAdapter implements CaseAdapter {
  private readonly schema: PortalSchema;
  private readonly me: Viewer;
  private readonly storage: Storage | null;
  private readonly storageKey: string;
  private readonly now: () => Date;
  private readonly latencyMs: number;
  private readonly seed: number;
  private readonly caseCount: number;
  private readonly instanceId = Math.random().toString(36).slice(2);
  private readonly listeners = new Set<Listener>();
  private channel: BroadcastChannel | null = null;

  // State. `index` holds every case; the rest mirrors Snapshot.
  private ctx!: SeedContext;
  private epoch = '';
  private index!: CaseIndex;
  private warmGeneration = 0;
  private changed = new Set<string>();
  private added: Record<string, Message[]> = {};
  private uploads: Record<string, StoredUpload> = {};
  private participantChanges: Record<string, StoredParticipantChange[]> = {};
  private idempotency: Record<string, IdempotencyRecord> = {};
  private counters = { case: 0, message: 0, upload: 0 };
  /** Seeded threads, generated on first read. */
  private seededThreads = new Map<string, Message[]>();
  /** The snapshot text last read or written: a different text in storage means another tab wrote. */
  private lastRaw: string | null = null;

  constructor(options: MemoryAdapterOptions = {}) {
    this.schema = buildSchema(options.schema);
    const viewer = options.viewer ?? findDemoPerson(options.viewerId ?? DEFAULT_VIEWER_ID);
    if (!viewer) throw new RangeError(`Unknown demo viewer "${options.viewerId}". See DEMO_PEOPLE.`);
    this.me = structuredClone(viewer);
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.storageKey = options.storageKey ?? DEFAULT_STORAGE_KEY;
    this.now = options.now ?? (() => new Date());
    this.latencyMs = options.latencyMs ?? 0;
    this.seed = options.seed ?? DEFAULT_SEED;
    this.caseCount = options.caseCount ?? DEFAULT_CASE_COUNT;

    const stored = readSnapshot(this.storage, this.storageKey);
    if (stored && stored.snapshot.seed === this.seed && stored.snapshot.caseCount === this.caseCount) {
      this.load(stored.snapshot, stored.raw);
    } else {
      this.reseed();
    }

    // Other tabs only share state through storage: without it there is nothing to sync.
    if (this.storage && typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(this.storageKey);
      this.channel.onmessage = (e: MessageEvent<Broadcast>) => this.onBroadcast(e.data);
    }
  }

  /** Throws away every change and seeds afresh (dates relative to now). */
  reset(): void {
    this.reseed();
    this.broadcast([]);
  }

  /** Answers in the same task when there is no simulated latency: lists filter per keystroke. */
  get local(): boolean {
    return this.latencyMs === 0;
  }

  /** Closes the cross-tab channel; the adapter still answers calls. */
  dispose(): void {
    this.warmGeneration++;
    this.channel?.close();
    this.channel = null;
    this.listeners.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // CaseAdapter: reads

  describe(opts?: CallOptions): Promise<PortalSchema> {
    return this.read(opts, () => this.schema);
  }

  viewer(opts?: CallOptions): Promise<Viewer> {
    return this.read(opts, () => this.me);
  }

  listCases(query: CaseQuery, opts?: CallOptions): Promise<Page<CaseRecord>> {
    return this.read(opts, () => {
      const errors: Record<string, string> = {};
      if (query.view && !this.schema.views.includes(query.view)) errors.view = 'Unknown view.';
      if (query.sort && !this.schema.sortable.includes(query.sort.key)) errors.sort = 'Not sortable.';
      if (query.sort && query.sort.dir !== 'asc' && query.sort.dir !== 'desc') errors.sort = 'Direction must be asc or desc.';
      if (Object.keys(errors).length) fail(errors);
      const page = this.index.query({ ...query, limit: query.limit ?? this.schema.limits.pageSize }, this.me);
      return { ...page, items: page.items.map((c) => redactContacts(c, this.me.id)) };
    });
  }

  getCase(id: string, opts?: CallOptions): Promise<CaseRecord> {
    return this.read(opts, () => redactContacts(this.readable(id), this.me.id));
  }

  /** Colleagues: the other demo people of the viewer's account. */
  listColleagues(opts?: CallOptions): Promise<PersonRef[]> {
    return this.read(opts, () => this.colleagues());
  }

  listMessages(caseId: string, query: MessageQuery = {}, opts?: CallOptions): Promise<Page<Message>> {
    return this.read(opts, () => {
      this.readable(caseId);
      const kinds = query.kinds;
      if (kinds !== undefined && (!Array.isArray(kinds) || kinds.some((k) => !MESSAGE_KINDS.includes(k)))) fail({ kind: 'Unknown message kind.' });
      const all = this.thread(caseId).filter((m) => m.public && (!kinds?.length || kinds.includes(m.kind)));
      const limit = Math.min(Math.max(Math.floor(query.limit ?? MESSAGE_PAGE) || MESSAGE_PAGE, 1), MESSAGE_PAGE_MAX);
      // The cursor is where the previous (newer) page began; messages only append, so it stays valid.
      const end = query.cursor ? Math.min(decodeCursor(query.cursor), all.length) : all.length;
      const start = Math.max(0, end - limit);
      return { items: all.slice(start, end), total: all.length, nextCursor: start > 0 ? encodeCursor(start) : null };
    });
  }

  listHistory(caseId: string, opts?: CallOptions): Promise<HistoryEntry[]> {
    return this.read(opts, () => {
      const c = this.readable(caseId);
      const statuses = this.statusHistory(c);
      // By time; within one instant, each participant entry after the status changes it followed.
      const keyed = [
        ...statuses.map((e, i) => ({ e: e as HistoryEntry, t: Date.parse(e.at), pos: i })),
        ...(this.participantChanges[caseId] ?? []).map((p) => ({ e: p.change as HistoryEntry, t: Date.parse(p.change.at), pos: p.afterStatus - 0.5 })),
      ];
      keyed.sort((a, b) => a.t - b.t || a.pos - b.pos);
      return redactHistory(keyed.map((k) => k.e), c, this.me.id);
    });
  }

  /** The status changes alone, from the public event messages of the thread. */
  private statusHistory(c: CaseRecord): StatusChange[] {
    // Status changes are recorded as public event messages, in the order they happened.
    const events = this.thread(c.id).filter((m) => m.public && m.kind === 'event' && m.event);
    const first = events[0]?.event;
    const created: StatusChange = { at: c.createdAt, from: null, to: first ? (first.from ?? first.to) : c.status };
    const history = [created];
    for (const m of events) {
      const e = m.event!;
      const change: StatusChange = { at: m.createdAt, from: e.from ?? history[history.length - 1]!.to, to: e.to, by: { ...m.author } };
      if (m.body) change.reason = m.body;
      history.push(change);
    }
    return history;
  }

  /** Records who copied whom: `by` is the viewer, by name and role (their address is no one's business here). */
  private recordParticipant(c: CaseRecord, kind: ParticipantChange['kind'], person: PersonRef, at: string): void {
    const change: ParticipantChange = { kind, at, by: { id: this.me.id, name: this.me.name, role: 'customer' }, person: { ...person } };
    (this.participantChanges[c.id] ??= []).push({ change, afterStatus: this.statusHistory(c).length });
  }

  listFiles(caseId: string, opts?: CallOptions): Promise<CaseFile[]> {
    return this.read(opts, () => {
      const c = this.readable(caseId);
      const files: CaseFile[] = c.attachments.map((a) => ({ ...a, createdAt: a.createdAt ?? c.createdAt }));
      // Files of internal notes are never the customer's to see.
      for (const m of this.thread(caseId)) {
        if (!m.public) continue;
        const { role: _role, ...addedBy } = m.author;
        for (const a of m.attachments) files.push({ ...a, createdAt: a.createdAt ?? m.createdAt, messageId: m.id, addedBy });
      }
      // Stable: files of the same moment keep case-then-thread order.
      return files.sort((x, y) => Date.parse(x.createdAt!) - Date.parse(y.createdAt!));
    });
  }

  // ---------------------------------------------------------------------------------------------
  // CaseAdapter: writes

  createCase(input: CaseInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.write('create', opts, () => {
      const f = this.schema.features;
      if (!f.create || !this.me.permissions.includes('create')) this.forbidden('no-permission');
      const errors = checkCaseInput(this.schema, input);
      const files = this.takeUploads(input.attachmentIds, errors, 'attachmentIds');
      const contacts: PersonRef[] = [];
      for (const p of errors.participants ? [] : (input.participants ?? [])) {
        const person = this.person(p, errors);
        if (!person) break;
        if (person.id === this.me.id || contacts.some((x) => x.id === person.id)) errors.participants = 'Each person once, and not yourself.';
        else contacts.push(person);
      }
      if (Object.keys(errors).length) fail(errors);

      const now = this.now();
      const at = now.toISOString();
      const service = this.schema.services.find((s) => s.value === input.service);
      const hours = (h: number | undefined) => (h ? { dueAt: new Date(now.getTime() + h * 3_600_000).toISOString(), metAt: null } : null);
      const number = caseNumber(this.counters.case++);
      const fields = Object.fromEntries(Object.entries(input.fields ?? {}).filter(([, v]) => v !== undefined && v !== ''));
      const c: CaseRecord = {
        id: `case-${number}`,
        number,
        subject: input.subject.trim(),
        description: input.description ?? '',
        status: this.status(this.schema.statuses.find((s) => s.category === 'new')?.id ?? this.schema.statuses[0]!.id),
        origin: 'web',
        priority: input.priority ?? null,
        category: input.category ?? null,
        service: input.service ?? null,
        requester: personRef(this.me),
        owner: null,
        account: this.me.account ? { ...this.me.account } : null,
        contacts,
        createdAt: at,
        updatedAt: at,
        closedAt: null,
        reopenCount: 0,
        sla: service && (service.responseHours || service.resolutionHours)
          ? { response: hours(service.responseHours), resolution: hours(service.resolutionHours) }
          : null,
        fields,
        attachments: files.map((a) => ({ ...a, createdAt: at })),
        relatedIds: [],
        feedback: null,
        version: 1,
      };
      this.commitUploads(input.attachmentIds);
      // The people named on creation get one "added" entry each, right after "Created as …".
      for (const person of contacts) this.recordParticipant(c, 'participant-added', person, at);
      this.save(c);
      return { result: c, events: [{ type: 'case-changed', caseId: c.id }] };
    });
  }

  updateCase(id: string, patch: CasePatch, opts?: WriteOptions): Promise<CaseRecord> {
    return this.write('update', opts, () => {
      const c = this.allowed(id, 'update');
      this.checkVersion(c, patch.version);
      const changes = patch.changes ?? {};
      const errors = checkPatch(this.schema, changes);
      if (Object.keys(errors).length) fail(errors);

      const { next, changed } = applyPatch(c, changes);
      if (!changed) return { result: c, events: [] };
      this.save(this.touch(next));
      return { result: next, events: [{ type: 'case-changed', caseId: id }] };
    });
  }

  transition(id: string, action: TransitionAction, input: TransitionInput = {}, opts?: WriteOptions): Promise<CaseRecord> {
    return this.write(`transition:${action}`, opts, () => {
      if (action !== 'close' && action !== 'cancel' && action !== 'reopen') fail({ action: 'Unknown action.' });
      const c = this.allowed(id, action);
      if (input.version !== undefined) this.checkVersion(c, input.version);

      const errors: Record<string, string> = {};
      let statusId: string | null;
      if (action === 'close') {
        statusId = input.status ?? this.schema.closeStatuses[0] ?? null;
        if (!statusId || !this.schema.closeStatuses.includes(statusId)) errors.status = 'Not a close status.';
        if (input.reason && !this.schema.closeReasons.some((r) => r.value === input.reason)) errors.reason = 'Unknown reason.';
      } else {
        statusId = action === 'cancel' ? this.schema.cancelStatus : this.schema.reopenStatus;
      }
      if (input.comment !== undefined && (typeof input.comment !== 'string' || input.comment.length > BODY_MAX)) errors.comment = 'Not valid.';
      if (Object.keys(errors).length) fail(errors);
      // The policy already denied a missing cancel/reopen status; a schema pointing at an unknown id is the backend's fault.
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
      const messages = [this.newMessage(id, 'event', reason, at, { from: c.status, to })];
      const comment = input.comment?.trim();
      if (comment) messages.push(this.newMessage(id, 'comment', comment, at));
      this.save(this.touch(next), messages);
      return { result: next, events: [...messages.map((m) => this.messageEvent(m)), { type: 'case-changed', caseId: id }] };
    });
  }

  postMessage(caseId: string, input: MessageInput, opts?: WriteOptions): Promise<Message> {
    return this.write('message', opts, () => {
      const kind = input.kind ?? 'comment';
      if (kind !== 'comment' && kind !== 'complaint') fail({ kind: 'Unknown kind.' });
      const c = this.allowed(caseId, kind === 'comment' ? 'reply' : 'complain');
      if (input.attachmentIds?.length) this.allowed(caseId, 'attach');

      const errors: Record<string, string> = {};
      const body = typeof input.body === 'string' ? input.body.trim() : '';
      const files = this.takeUploads(input.attachmentIds, errors, 'attachmentIds');
      if (!body && files.length === 0) errors.body = 'Required.';
      if (body.length > BODY_MAX) errors.body = `At most ${BODY_MAX} characters.`;
      if (Object.keys(errors).length) fail(errors);

      const at = this.now().toISOString();
      const message = this.newMessage(caseId, kind, body, at);
      message.attachments = files.map((a) => ({ ...a, createdAt: at }));
      const messages = [message];
      let next: CaseRecord = { ...c };
      // A reply to "awaiting your reply" hands the case back to the agent (core's rule, as on the server).
      const handedBack = statusAfterCustomerMessage(c, this.schema, kind);
      if (handedBack) {
        next = { ...next, status: handedBack };
        messages.push(this.newMessage(caseId, 'event', '', at, { from: c.status, to: handedBack }, true));
      }
      this.commitUploads(input.attachmentIds);
      this.save(this.touch(next), messages);
      return { result: message, events: [...messages.map((m) => this.messageEvent(m)), { type: 'case-changed', caseId }] };
    });
  }

  /**
   * The help desk's side of the demo backend: a support agent answers the case. Not part of
   * CaseAdapter; demos, stories and tests use it to show live updates. The case's owner answers
   * (else the first demo agent); a case waiting for support moves to "awaiting your reply", and
   * the response deadline counts as met. Other tabs see it like any other write.
   */
  agentReply(caseId: string, body: string, options: { kind?: 'comment' | 'email' } = {}): Promise<Message> {
    return this.write('agent-reply', undefined, () => {
      const c = this.readable(caseId);
      if (FINISHED_CATEGORIES.includes(c.status.category)) fail({ caseId: 'The case is finished.' });
      if (!body.trim()) fail({ body: 'Required.' });
      const at = this.now().toISOString();
      const kind = options.kind ?? 'comment';
      const agent = c.owner ?? DEMO_AGENTS[0]!;
      const message: Message = {
        ...this.newMessage(caseId, kind, body.trim(), at),
        author: { ...agent, role: 'agent' },
        channel: kind === 'email' ? 'email' : 'web',
      };
      const messages = [message];
      const next: CaseRecord = { ...c, owner: c.owner ?? agent };
      const awaiting = this.schema.statuses.find((s) => s.category === 'pending-customer');
      if (awaiting && ['new', 'open', 'pending-agent'].includes(c.status.category)) {
        next.status = awaiting;
        messages.push(this.newMessage(caseId, 'event', '', at, { from: c.status, to: awaiting }, true));
      }
      if (c.sla?.response && !c.sla.response.metAt) next.sla = { ...c.sla, response: { ...c.sla.response, metAt: at } };
      this.save(this.touch(next), messages);
      return { result: message, events: [...messages.map((m) => this.messageEvent(m)), { type: 'case-changed', caseId }] };
    });
  }

  addFiles(caseId: string, input: AddFilesInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.write('attach', opts, () => {
      const c = this.allowed(caseId, 'attach');
      const ids = input?.attachmentIds;
      const errors: Record<string, string> = {};
      if (!Array.isArray(ids) || ids.length === 0) fail({ attachmentIds: 'Required.' });
      const files = this.takeUploads(ids, errors, 'attachmentIds');
      if (Object.keys(errors).length) fail(errors);

      const at = this.now().toISOString();
      const next: CaseRecord = { ...c, attachments: [...c.attachments, ...files.map((a) => ({ ...a, createdAt: at }))] };
      this.commitUploads(ids);
      this.save(this.touch(next));
      return { result: next, events: [{ type: 'case-changed', caseId }] };
    });
  }

  addParticipant(caseId: string, input: ParticipantInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.write('participant:add', opts, () => {
      const c = this.allowed(caseId, 'participants');
      const errors: Record<string, string> = {};
      const problem = checkParticipantInput(input);
      if (problem) fail({ participant: problem });
      const person = this.person(input, errors, 'participant');
      if (!person) fail(errors);
      if (person.id === c.requester.id) fail({ participant: 'The person who opened the case is on it already.' });
      if (c.contacts?.some((p) => p.id === person.id)) fail({ participant: `${person.name} is copied on this case already.` });
      const limit = participantLimit(c, this.schema);
      if (!limit.allowed) this.forbidden(limit.reason);
      const next = this.touch({ ...c, contacts: [...(c.contacts ?? []), person] });
      this.recordParticipant(next, 'participant-added', person, next.updatedAt);
      this.save(next);
      return { result: next, events: [{ type: 'case-changed', caseId }] };
    });
  }

  removeParticipant(caseId: string, personId: string, opts?: WriteOptions): Promise<CaseRecord> {
    return this.write('participant:remove', opts, () => {
      const c = this.allowed(caseId, 'participants');
      if (!c.contacts?.some((p) => p.id === personId)) fail({ participant: 'Not copied on this case.' });
      const person = c.contacts.find((p) => p.id === personId)!;
      const next = this.touch({ ...c, contacts: c.contacts.filter((p) => p.id !== personId) });
      this.recordParticipant(next, 'participant-removed', person, next.updatedAt);
      this.save(next);
      return { result: next, events: [{ type: 'case-changed', caseId }] };
    });
  }

  submitFeedback(caseId: string, input: FeedbackInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.write('feedback', opts, () => {
      const c = this.allowed(caseId, 'feedback');
      const errors: Record<string, string> = {};
      if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) errors.rating = 'A whole number from 1 to 5.';
      if (input.comment !== undefined && (typeof input.comment !== 'string' || input.comment.length > FEEDBACK_COMMENT_MAX)) {
        errors.comment = `At most ${FEEDBACK_COMMENT_MAX} characters.`;
      }
      if (Object.keys(errors).length) fail(errors);
      const at = this.now().toISOString();
      const comment = input.comment?.trim();
      const next: CaseRecord = { ...c, feedback: comment ? { rating: input.rating, comment, submittedAt: at } : { rating: input.rating, submittedAt: at } };
      this.save(this.touch(next));
      return { result: next, events: [{ type: 'case-changed', caseId }] };
    });
  }

  async uploadAttachment(file: File, opts: UploadOptions = {}): Promise<Attachment> {
    const { signal, onProgress } = opts;
    throwIfAborted(signal);
    if (!this.schema.features.attachments || !this.me.permissions.includes('reply')) this.forbidden('feature-off');
    // The allow-list's type for the file, never the one the browser claimed (core's rule, as on the server).
    const type = assertAttachmentAllowed(file, this.schema.limits);

    // Simulated transfer in a few steps, each cancellable.
    const steps = 4;
    onProgress?.(0, file.size);
    for (let k = 1; k <= steps; k++) {
      await sleep(this.latencyMs / steps, signal);
      throwIfAborted(signal);
      onProgress?.(Math.round((file.size * k) / steps), file.size);
    }
    const url = await storeFile(file, type);
    if (signal?.aborted) {
      if (url.startsWith('blob:')) URL.revokeObjectURL(url);
      throwIfAborted(signal);
    }

    this.sync();
    const upload: StoredUpload = {
      id: `att-${++this.counters.upload}-${this.instanceId.slice(0, 4)}`,
      name: file.name,
      size: file.size,
      type,
      url,
      createdAt: this.now().toISOString(),
      ownerId: this.me.id,
    };
    this.uploads[upload.id] = upload;
    this.persist();
    const { ownerId: _owner, ...attachment } = upload;
    return structuredClone(attachment);
  }

  subscribe(target: SubscribeTarget, onEvent: (event: AdapterEvent) => void): () => void {
    const listener: Listener = { target, fn: onEvent };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  private async read<T>(opts: CallOptions | undefined, fn: () => T): Promise<T> {
    throwIfAborted(opts?.signal);
    await sleep(this.latencyMs, opts?.signal);
    throwIfAborted(opts?.signal);
    this.sync();
    return structuredClone(fn());
  }

  /**
   * Every write: latency, a fresh look at storage (another tab may have written), the idempotency
   * replay, the change itself (which validates before it mutates), then persist, notify, broadcast.
   */
  private async write<T>(op: string, opts: WriteOptions | undefined, fn: () => WriteResult<T>): Promise<T> {
    throwIfAborted(opts?.signal);
    await sleep(this.latencyMs, opts?.signal);
    throwIfAborted(opts?.signal);
    this.sync();
    const key = opts?.idempotencyKey ? `${this.me.id}|${op}|${opts.idempotencyKey}` : null;
    const replay = key ? this.idempotency[key] : undefined;
    if (replay) return structuredClone(replay.result as T);

    const { result, events } = fn();
    if (key) this.remember(key, result);
    this.persist();
    this.emit(events);
    this.broadcast(events);
    return structuredClone(result);
  }

  private remember(key: string, result: unknown): void {
    this.idempotency[key] = { at: this.now().getTime(), result: structuredClone(result) };
    const keys = Object.keys(this.idempotency);
    if (keys.length > IDEMPOTENCY_KEEP) {
      keys.sort((a, b) => this.idempotency[a]!.at - this.idempotency[b]!.at);
      for (const k of keys.slice(0, keys.length - IDEMPOTENCY_KEEP)) delete this.idempotency[k];
    }
  }

  /** A case the viewer may read; anything else is "not found", so ids of other people's cases reveal nothing. */
  private readable(id: string): CaseRecord {
    const c = this.index.get(id);
    if (!c || !canRead(c, this.me)) throw new AdapterError('not_found', { backendMessage: `No case ${id}.` });
    return c;
  }

  private allowed(id: string, action: CaseAction): CaseRecord {
    const c = this.readable(id);
    const a = availableActions(c, this.me, this.schema, this.now())[action];
    if (!a.allowed) this.forbidden(a.reason);
    return c;
  }

  /** The viewer's account's other demo people, as references. */
  private colleagues(): PersonRef[] {
    const account = this.me.account?.id;
    if (!account) return [];
    return Object.values(DEMO_PEOPLE).filter((p) => p.id !== this.me.id && p.account?.id === account).map((p) => personRef(p));
  }

  /**
   * Who a participant input names: a colleague by id, or anyone of the demo by address (as the case
   * server knows only people who have signed in). Records the problem under `key` when no one.
   */
  private person(input: ParticipantInput, errors: Record<string, string>, key = 'participants'): PersonRef | null {
    if ('id' in input) {
      const found = this.colleagues().find((p) => p.id === input.id);
      if (!found) errors[key] = 'Not a colleague.';
      return found ?? null;
    }
    const email = input.email.trim().toLowerCase();
    const found = Object.values(DEMO_PEOPLE).find((p) => p.email?.toLowerCase() === email);
    if (!found) errors[key] = 'No one with this address uses the portal yet.';
    return found ? personRef(found) : null;
  }

  private forbidden(reason: string): never {
    throw new AdapterError('forbidden', { backendMessage: `Not allowed: ${reason}.` });
  }

  private checkVersion(c: CaseRecord, version: number | undefined): void {
    if (version !== c.version) {
      throw new AdapterError('conflict', { backendMessage: `The case is at version ${c.version}, not ${version}.` });
    }
  }

  private status(id: string): CaseStatus {
    const s = statusById(this.schema, id);
    if (!s) throw new AdapterError('server', { backendMessage: `The schema has no status "${id}".` });
    return s;
  }

  /** The uploads behind these ids, checked: they exist, are the viewer's, and are few enough. */
  private takeUploads(ids: string[] | undefined, errors: Record<string, string>, key: string): Attachment[] {
    if (!ids?.length) return [];
    if (!this.schema.features.attachments) errors[key] = 'Attachments are switched off.';
    else if (ids.length > this.schema.limits.maxAttachmentsPerMessage) errors[key] = `At most ${this.schema.limits.maxAttachmentsPerMessage} files.`;
    const found = ids.map((id) => this.uploads[id]).filter((u): u is StoredUpload => u?.ownerId === this.me.id);
    if (found.length !== ids.length) errors[key] ??= 'Unknown attachment.';
    else if (new Set(ids).size !== ids.length) errors[key] ??= 'Each file once.';
    return found.map(({ ownerId: _owner, ...a }) => a);
  }

  /** Attached uploads leave the pool: one upload belongs to one case or message. */
  private commitUploads(ids: string[] | undefined): void {
    for (const id of ids ?? []) delete this.uploads[id];
  }

  private touch(c: CaseRecord): CaseRecord {
    c.version += 1;
    c.updatedAt = this.now().toISOString();
    return c;
  }

  /**
   * Builds the index's keyword bitmaps and sort orders in idle time, so that a keystroke or the
   * first click on a column header finds them ready instead of searching or sorting 100,000 cases
   * (see bench/). Both go in slices of the idle time offered (at most WARM_SLICE_MS), the bitmaps
   * first: a keystroke typed meanwhile waits for one slice at most. Small sets search and sort in
   * no time and skip this.
   */
  private warmIndex(): void {
    const generation = ++this.warmGeneration;
    if (this.index.size < WARM_THRESHOLD) return;
    // The default order (newest update first) is what every list opens with: build it with the cases.
    this.index.warm([]);
    const keys = [...this.schema.sortable];
    const idle: (cb: (budgetMs: number) => void) => void =
      typeof requestIdleCallback === 'function'
        ? (cb) => requestIdleCallback((deadline) => cb(deadline.timeRemaining()))
        : (cb) => setTimeout(() => cb(10), 50);
    const step = (budgetMs: number) => {
      // Stale: the cases changed again (a newer warm-up runs) or the adapter was disposed.
      if (generation !== this.warmGeneration) return;
      const until = performance.now() + Math.min(Math.max(budgetMs, 1), WARM_SLICE_MS);
      const timeUp = () => performance.now() >= until;
      if (!this.index.warmKeywords(timeUp) || !this.index.warmOrders(keys, timeUp)) idle(step);
    };
    idle(step);
  }

  private save(c: CaseRecord, messages: Message[] = []): void {
    this.index.upsert(c);
    this.warmIndex();
    this.changed.add(c.id);
    if (messages.length) (this.added[c.id] ??= []).push(...messages);
  }

  private newMessage(caseId: string, kind: Message['kind'], body: string, at: string, event?: Message['event'], bySystem = false): Message {
    const m: Message = {
      id: `msg-${++this.counters.message}-${this.instanceId.slice(0, 4)}`,
      caseId,
      kind,
      body,
      author: bySystem ? { ...SYSTEM_AUTHOR } : { ...personRef(this.me), role: 'customer' },
      channel: 'web',
      createdAt: at,
      attachments: [],
      public: true,
    };
    if (event) m.event = event;
    return m;
  }

  private messageEvent(message: Message): AdapterEvent {
    return { type: 'message-added', caseId: message.caseId, message };
  }

  private thread(caseId: string): Message[] {
    return [...this.seededThread(caseId), ...(this.added[caseId] ?? [])];
  }

  /** The generated conversation of a seeded case, from its seeded (not its edited) state. */
  private seededThread(caseId: string): Message[] {
    const cached = this.seededThreads.get(caseId);
    if (cached) return cached;
    const i = Number(caseId.slice('case-'.length)) - FIRST_CASE_NUMBER;
    if (!Number.isInteger(i) || i < 0 || i >= this.ctx.caseCount || seededCaseId(i) !== caseId) return [];
    const thread = seedThread(this.ctx, i, seedCase(this.ctx, i));
    this.seededThreads.set(caseId, thread);
    return thread;
  }

  // ---------------------------------------------------------------------------------------------
  // State, storage, other tabs

  private reseed(): void {
    this.ctx = { seed: this.seed, caseCount: this.caseCount, seededAt: this.now().getTime(), schema: this.schema };
    this.epoch = Math.random().toString(36).slice(2);
    this.index = new CaseIndex(generateCases(this.ctx));
    this.warmIndex();
    this.changed = new Set();
    this.added = {};
    this.uploads = {};
    this.participantChanges = {};
    this.idempotency = {};
    this.counters = { case: FIRST_CASE_NUMBER + this.caseCount, message: 0, upload: 0 };
    this.seededThreads.clear();
    this.persist();
  }

  private load(s: Snapshot, raw: string): void {
    if (s.epoch !== this.epoch) {
      // A different seeding (first load, or another tab reset): regenerate, then replay the changes.
      this.ctx = { seed: s.seed, caseCount: s.caseCount, seededAt: s.seededAt, schema: this.schema };
      this.epoch = s.epoch;
      this.index = new CaseIndex(generateCases(this.ctx));
      this.changed = new Set();
      this.seededThreads.clear();
    }
    // Same seeding: changes only accumulate, so applying the stored cases is enough.
    for (const c of s.cases) {
      this.index.upsert(c);
      this.changed.add(c.id);
    }
    this.added = s.messages ?? {};
    this.uploads = s.uploads ?? {};
    this.participantChanges = s.participantChanges ?? {};
    this.idempotency = s.idempotency ?? {};
    this.counters = { ...s.counters };
    this.lastRaw = raw;
    this.warmIndex();
  }

  private snapshot(): Snapshot {
    return {
      format: SNAPSHOT_FORMAT,
      seed: this.ctx.seed,
      caseCount: this.ctx.caseCount,
      seededAt: this.ctx.seededAt,
      epoch: this.epoch,
      cases: [...this.changed].map((id) => this.index.get(id)!).filter(Boolean),
      messages: this.added,
      uploads: this.uploads,
      participantChanges: this.participantChanges,
      idempotency: this.idempotency,
      counters: this.counters,
    };
  }

  private persist(): void {
    const raw = writeSnapshot(this.storage, this.storageKey, this.snapshot());
    if (raw !== null) this.lastRaw = raw;
  }

  /** Reloads when storage holds something this instance did not write (another tab, another adapter). */
  private sync(): boolean {
    if (!this.storage) return false;
    const stored = readSnapshot(this.storage, this.storageKey, this.lastRaw);
    if (!stored) return false;
    this.load(stored.snapshot, stored.raw);
    return true;
  }

  private emit(events: AdapterEvent[]): void {
    for (const event of events) {
      for (const l of [...this.listeners]) {
        if (l.target.caseId && l.target.caseId !== event.caseId) continue;
        try {
          l.fn(structuredClone(event));
        } catch (e) {
          // One broken listener must not break the write that notified it, nor the other listeners.
          console.error(e);
        }
      }
    }
  }

  private broadcast(events: AdapterEvent[]): void {
    try {
      this.channel?.postMessage({ from: this.instanceId, events } satisfies Broadcast);
    } catch {
      // A closed channel: nobody listens anymore.
    }
  }

  private onBroadcast(data: Broadcast): void {
    if (!data || data.from === this.instanceId) return;
    this.sync();
    // The other tab may be someone else: pass on only what this viewer may see.
    this.emit(
      (data.events ?? []).filter((e) => {
        const c = e.caseId === undefined ? undefined : this.index.get(e.caseId);
        return !!c && canRead(c, this.me) && (e.type !== 'message-added' || e.message.public);
      }),
    );
  }
}

/** Waits, or rejects with the signal's AbortError as soon as it fires. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof DOMException ? signal.reason : new DOMException('Aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
