/**
 * A strict fake of the Zendesk Support API on loopback, written from Zendesk's API reference
 * (https://developer.zendesk.com/api-reference/ticketing/introduction/): the routes, field names,
 * cursor pagination, sideloads, error bodies and rate limiting the Zendesk connector uses, over its
 * own data. Strict where Zendesk is documented to be, and stricter where a typo would otherwise go
 * unnoticed: an unknown field or a wrong type in a request body is refused (400 / 422 with
 * Zendesk's `{ error, description, details }` body), so the connector cannot send what Zendesk
 * would not understand.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

export interface FakeUser {
  id: number;
  name: string;
  email: string | null;
  external_id: string | null;
  role: 'end-user' | 'agent' | 'admin';
  organization_id: number | null;
  created_at: string;
  updated_at: string;
}
export interface FakeOrg {
  id: number;
  name: string;
  external_id: string | null;
  created_at: string;
}
/**
 * An attachment as Zendesk describes one (Attachments, "JSON format"):
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-attachments/
 */
export interface FakeAttachment {
  id: number;
  url: string;
  file_name: string;
  content_url: string;
  mapped_content_url: string;
  content_type: string;
  size: number;
  inline: boolean;
  deleted: boolean;
  thumbnails: FakeAttachment[];
}
/** An upload ("Upload Files"): a token naming one or more attachments until a comment uses it. */
interface FakeUpload {
  token: string;
  attachmentIds: number[];
  expiresAt: number;
}
export interface FakeComment {
  id: number;
  type: 'Comment';
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  author_id: number;
  attachments: FakeAttachment[];
  via: { channel: string };
  created_at: string;
}
export interface FakeTicket {
  id: number;
  url: string;
  subject: string;
  raw_subject: string;
  description: string;
  /** Optional so a test can remove it, as a renamed or missing vendor field. */
  status?: string;
  priority: string | null;
  type: string | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
  via: { channel: string };
  custom_fields: { id: number; value: unknown }[];
  satisfaction_rating: { score: string; comment: string | null } | null;
  followup_ids: number[];
  via_followup_source_id?: number | null;
  tags: string[];
  created_at: string;
  updated_at: string;
}
interface FakeAudit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  via: { channel: string };
  events: Record<string, unknown>[];
}

export interface FakeZendeskOptions {
  email?: string;
  apiToken?: string;
  /** An OAuth access token the fake also accepts (OAuth Tokens; needed to act on behalf of an end user). */
  oauthToken?: string;
  /** Custom ticket field ids the account has (Ticket Fields). */
  ticketFieldIds?: number[];
  /** Incremental exports leave out the last minute's changes (Zendesk: 60 s); tests shorten it. */
  exportDelaySeconds?: number;
  /** The account's attachment size limit (Zendesk: 50 MB on most plans); tests lower it. */
  maxUploadBytes?: number;
}

/** Zendesk's attachment size limit on most plans. */
export const ZENDESK_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** How long an upload token can be used in a comment (Zendesk: 60 minutes). */
const UPLOAD_TOKEN_MS = 60 * 60_000;

/** Zendesk's timestamps: ISO 8601, UTC, whole seconds. */
const stamp = (ms = Date.now()) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const TYPES = ['question', 'incident', 'problem', 'task'];

class ZdError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.error));
  }
}

/** Errors as Zendesk answers them (`{ error, description, details? }`): https://developer.zendesk.com/api-reference/ticketing/introduction/#errors */
const invalid = (details: Record<string, string>) =>
  new ZdError(422, { error: 'RecordInvalid', description: 'Record validation errors', details: Object.fromEntries(Object.entries(details).map(([k, d]) => [k, [{ description: d }]])) });
const badRequest = (description: string) => new ZdError(400, { error: 'InvalidParameter', description });
const notFound = () => new ZdError(404, { error: 'RecordNotFound', description: 'Not found' });

type Kind = 'string' | 'boolean' | 'integer' | 'integer[]' | 'string[]' | 'object' | 'any' | 'nullable-string' | 'object[]';
function checkBody(value: unknown, shape: Record<string, Kind>, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(`${path} must be an object`);
  const errors: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    const kind = shape[k];
    if (!kind) {
      errors[`${path}.${k}`] = 'Unknown field';
      continue;
    }
    const ok =
      kind === 'any' ||
      (kind === 'string' && typeof v === 'string') ||
      (kind === 'nullable-string' && (v === null || typeof v === 'string')) ||
      (kind === 'boolean' && typeof v === 'boolean') ||
      (kind === 'integer' && Number.isInteger(v)) ||
      (kind === 'integer[]' && Array.isArray(v) && v.every((x) => Number.isInteger(x))) ||
      (kind === 'string[]' && Array.isArray(v) && v.every((x) => typeof x === 'string')) ||
      (kind === 'object' && typeof v === 'object' && v !== null && !Array.isArray(v)) ||
      (kind === 'object[]' && Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null));
    if (!ok) errors[`${path}.${k}`] = `Expected ${kind}`;
  }
  if (Object.keys(errors).length) throw new ZdError(400, { error: 'InvalidParameter', description: 'Invalid request body', details: errors });
  return value as Record<string, unknown>;
}

export class FakeZendesk {
  readonly users = new Map<number, FakeUser>();
  readonly orgs = new Map<number, FakeOrg>();
  readonly tickets = new Map<number, FakeTicket>();
  readonly comments = new Map<number, FakeComment[]>();
  readonly audits = new Map<number, FakeAudit[]>();
  /** Every attachment's bytes, by attachment id; `ticketId` once a comment carries it. */
  readonly files = new Map<number, { attachment: FakeAttachment; bytes: Buffer; ticketId: number | null }>();
  private readonly uploads = new Map<string, FakeUpload>();
  /** The random part of each content_url, to its attachment id. */
  private readonly contentTokens = new Map<string, number>();
  /** Every request as it arrived: `METHOD path`. */
  readonly requests: string[] = [];
  url = '';
  readonly email: string;
  apiToken: string;
  readonly agentId: number;
  private nextId = 1000;
  private throttle = { left: 0, retryAfter: 1 };
  private failures = { left: 0, status: 500 };
  /** Tickets a list endpoint returns although they belong to someone else (a vendor-side mistake). */
  readonly leakIntoLists: number[] = [];
  private app: FastifyInstance;

  constructor(private readonly options: FakeZendeskOptions = {}) {
    this.email = options.email ?? 'portal-bot@acme.example';
    this.apiToken = options.apiToken ?? 'zd-test-token';
    this.agentId = this.addUser({ name: 'Portal Bot', email: this.email, role: 'admin' }).id;
    this.app = Fastify({ logger: false });
    this.routes();
  }

  async start(): Promise<string> {
    this.url = await this.app.listen({ host: '127.0.0.1', port: 0 });
    return this.url;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  /** The next `requests` requests are answered 429 with Retry-After: https://developer.zendesk.com/api-reference/introduction/rate-limits/ */
  rateLimit(requests: number, retryAfterSeconds: number): void {
    this.throttle = { left: requests, retryAfter: retryAfterSeconds };
  }

  /** The next `requests` requests fail with `status` (5xx). */
  fail(requests: number, status = 503): void {
    this.failures = { left: requests, status };
  }

  id(): number {
    return ++this.nextId;
  }

  addOrg(o: { name: string; external_id?: string }): FakeOrg {
    const org: FakeOrg = { id: this.id(), name: o.name, external_id: o.external_id ?? null, created_at: stamp() };
    this.orgs.set(org.id, org);
    return org;
  }

  addUser(u: { name: string; email?: string | null; external_id?: string | null; role?: FakeUser['role']; organization_id?: number | null }): FakeUser {
    const user: FakeUser = { id: this.id(), name: u.name, email: u.email ?? null, external_id: u.external_id ?? null, role: u.role ?? 'end-user', organization_id: u.organization_id ?? null, created_at: stamp(), updated_at: stamp() };
    this.users.set(user.id, user);
    return user;
  }

  /** A ticket as an agent or the web widget would have made it, with its first comment and Create audit. */
  addTicket(t: { requester_id: number; subject: string; body: string; status?: string; organization_id?: number | null; collaborator_ids?: number[]; at?: number; channel?: string }): FakeTicket {
    const at = stamp(t.at);
    const requester = this.users.get(t.requester_id)!;
    const ticket: FakeTicket = {
      id: this.id(),
      url: '',
      subject: t.subject,
      raw_subject: t.subject,
      description: t.body,
      status: t.status ?? 'new',
      priority: null,
      type: null,
      requester_id: t.requester_id,
      submitter_id: t.requester_id,
      assignee_id: null,
      organization_id: t.organization_id === undefined ? requester.organization_id : t.organization_id,
      collaborator_ids: t.collaborator_ids ?? [],
      follower_ids: [],
      email_cc_ids: [],
      via: { channel: t.channel ?? 'web' },
      custom_fields: (this.options.ticketFieldIds ?? []).map((id) => ({ id, value: null })),
      satisfaction_rating: null,
      followup_ids: [],
      tags: [],
      created_at: at,
      updated_at: at,
    };
    ticket.url = `${this.url}/api/v2/tickets/${ticket.id}.json`;
    this.tickets.set(ticket.id, ticket);
    this.comments.set(ticket.id, []);
    this.audits.set(ticket.id, []);
    const comment = this.addComment(ticket, { body: t.body, public: true, author_id: t.requester_id, channel: ticket.via.channel, at: t.at });
    this.audit(ticket, t.requester_id, [{ id: this.id(), type: 'Create', field_name: 'status', value: ticket.status }, { id: comment.id, type: 'Comment', body: comment.body, public: true, author_id: comment.author_id }], t.at);
    return ticket;
  }

  /** An agent's answer (public reply or internal note), as made in the Zendesk agent interface. */
  agentComment(ticketId: number, body: string, isPublic: boolean, status?: string, files: { name: string; type: string; bytes: Buffer }[] = []): FakeComment {
    const t = this.tickets.get(ticketId)!;
    const c = this.addComment(t, { body, public: isPublic, author_id: this.agentId, channel: 'web' });
    for (const f of files) c.attachments.push(this.attach(this.store(f.name, f.type, f.bytes), t.id));
    const events: Record<string, unknown>[] = [{ id: c.id, type: 'Comment', body, public: isPublic, author_id: this.agentId }];
    if (status && status !== t.status) {
      events.push({ id: this.id(), type: 'Change', field_name: 'status', value: status, previous_value: t.status });
      t.status = status;
    }
    this.audit(t, this.agentId, events);
    t.updated_at = stamp();
    return c;
  }

  private addComment(t: FakeTicket, c: { body: string; public: boolean; author_id: number; channel: string; at?: number }): FakeComment {
    const comment: FakeComment = { id: this.id(), type: 'Comment', body: c.body, html_body: `<p>${c.body.replace(/</g, '&lt;')}</p>`, plain_body: c.body, public: c.public, author_id: c.author_id, attachments: [], via: { channel: c.channel }, created_at: stamp(c.at) };
    this.comments.get(t.id)!.push(comment);
    return comment;
  }

  /** The files a comment carries, with their bytes (what the tests compare). */
  attachmentsOf(c: FakeComment): { attachment: FakeAttachment; name: string; type: string; bytes: Buffer }[] {
    return c.attachments.map((a) => ({ attachment: a, name: a.file_name, type: a.content_type, bytes: this.files.get(a.id)!.bytes }));
  }

  /** Keeps uploaded bytes as an attachment no ticket has yet. */
  private store(name: string, type: string, bytes: Buffer): FakeAttachment {
    const id = this.id();
    const secret = randomBytes(12).toString('base64url');
    this.contentTokens.set(secret, id);
    const content = `${this.url}/attachments/token/${secret}/?name=${encodeURIComponent(name)}`;
    const attachment: FakeAttachment = { id, url: `${this.url}/api/v2/attachments/${id}.json`, file_name: name, content_url: content, mapped_content_url: content, content_type: type, size: bytes.length, inline: false, deleted: false, thumbnails: [] };
    this.files.set(id, { attachment, bytes, ticketId: null });
    return attachment;
  }

  private attach(a: FakeAttachment, ticketId: number): FakeAttachment {
    this.files.get(a.id)!.ticketId = ticketId;
    return a;
  }

  /** The attachments of upload tokens a comment names, each token used up ("uploads": tokens from Upload Files). */
  private takeUploads(tokens: string[]): FakeAttachment[] {
    const out: FakeAttachment[] = [];
    for (const token of tokens) {
      const u = this.uploads.get(token);
      if (!u || u.expiresAt <= Date.now()) throw invalid({ uploads: 'Upload token is invalid' });
      out.push(...u.attachmentIds.map((id) => this.files.get(id)!.attachment));
    }
    for (const token of tokens) this.uploads.delete(token);
    return out;
  }

  private audit(t: FakeTicket, author: number, events: Record<string, unknown>[], at?: number): FakeAudit {
    const a: FakeAudit = { id: this.id(), ticket_id: t.id, created_at: stamp(at), author_id: author, via: { channel: 'api' }, events };
    this.audits.get(t.id)!.push(a);
    return a;
  }

  private authenticate(req: FastifyRequest): void {
    // Security and authentication: "{email_address}/token:{api_token}" in basic auth.
    const expected = `Basic ${Buffer.from(`${this.email}/token:${this.apiToken}`).toString('base64')}`;
    const oauth = this.options.oauthToken ? `Bearer ${this.options.oauthToken}` : null;
    // "Making API requests on behalf of end users": only an OAuth token may name one in X-On-Behalf-Of.
    if (req.headers['x-on-behalf-of'] !== undefined && req.headers.authorization !== oauth) throw new ZdError(403, { error: 'Forbidden', description: 'X-On-Behalf-Of needs an OAuth token with the impersonate scope' });
    if (req.headers.authorization !== expected && (oauth === null || req.headers.authorization !== oauth)) throw new ZdError(401, { error: "Couldn't authenticate you" });
  }

  /**
   * Cursor pagination (page[size] up to 100, page[after]; meta.has_more, meta.after_cursor, links.next):
   * https://developer.zendesk.com/api-reference/introduction/pagination/
   */
  private page<T>(req: FastifyRequest, items: T[]): { items: T[]; meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null }; links: { next: string | null; prev: string | null } } {
    const q = req.query as Record<string, string>;
    const size = q['page[size]'] === undefined ? 100 : Number(q['page[size]']);
    if (!Number.isInteger(size) || size < 1 || size > 100) throw badRequest('page[size] must be an integer from 1 to 100');
    let start = 0;
    if (q['page[after]']) {
      start = Number(Buffer.from(q['page[after]'], 'base64url').toString());
      if (!Number.isInteger(start) || start < 0) throw badRequest('Invalid cursor');
    }
    const slice = items.slice(start, start + size);
    const more = start + size < items.length;
    const after = more ? Buffer.from(String(start + size)).toString('base64url') : null;
    return { items: slice, meta: { has_more: more, after_cursor: after, before_cursor: start ? Buffer.from(String(Math.max(0, start - size))).toString('base64url') : null }, links: { next: after ? `${this.url}${req.url.split('?')[0]}?page[after]=${after}&page[size]=${size}` : null, prev: null } };
  }

  /** Sideloading ("Side-Loading"): `include=users,organizations` adds the records the tickets name. */
  private sideload(req: FastifyRequest, tickets: FakeTicket[], extraUserIds: number[] = []): Record<string, unknown> {
    const include = String((req.query as Record<string, string>).include ?? '').split(',').filter(Boolean);
    for (const i of include) if (i !== 'users' && i !== 'organizations') throw badRequest(`Unknown sideload ${i}`);
    const out: Record<string, unknown> = {};
    if (include.includes('users')) {
      const ids = new Set([...extraUserIds, ...tickets.flatMap((t) => [t.requester_id, t.submitter_id, ...(t.assignee_id ? [t.assignee_id] : []), ...t.collaborator_ids])]);
      out.users = [...ids].map((id) => this.users.get(id)).filter(Boolean);
    }
    if (include.includes('organizations')) {
      const ids = new Set(tickets.map((t) => t.organization_id).filter((x): x is number => x !== null));
      out.organizations = [...ids].map((id) => this.orgs.get(id)).filter(Boolean);
    }
    return out;
  }

  private sorted(req: FastifyRequest, tickets: FakeTicket[]): FakeTicket[] {
    const sort = (req.query as Record<string, string>).sort;
    if (sort === undefined) return tickets.sort((a, b) => a.id - b.id);
    const m = /^(-?)(updated_at|id|status)$/.exec(sort);
    if (!m) throw badRequest(`Invalid sort ${sort}`);
    const dir = m[1] ? -1 : 1;
    const key = m[2] as 'updated_at' | 'id' | 'status';
    return tickets.sort((a, b) => dir * (String(a[key]).localeCompare(String(b[key]), undefined, { numeric: true }) || a.id - b.id));
  }

  private ticketOr404(id: string): FakeTicket {
    const t = this.tickets.get(Number(id));
    if (!t) throw notFound();
    return t;
  }

  private ticketList(req: FastifyRequest, tickets: FakeTicket[]) {
    const leaked = this.leakIntoLists.map((id) => this.tickets.get(id)!).filter((t) => !tickets.includes(t));
    const all = this.sorted(req, [...tickets, ...leaked]);
    const page = this.page(req, all);
    return { tickets: page.items, ...this.sideload(req, page.items), meta: page.meta, links: page.links };
  }

  private routes(): void {
    const app = this.app;
    app.addHook('onRequest', async (req, reply) => {
      this.requests.push(`${req.method} ${req.url.split('?')[0]}`);
      if (this.throttle.left > 0) {
        this.throttle.left--;
        // Rate limits: 429 Too Many Requests with Retry-After in seconds.
        return reply.status(429).header('retry-after', String(this.throttle.retryAfter)).send({ error: 'TooManyRequests', description: 'You have exceeded the rate limit' });
      }
      if (this.failures.left > 0) {
        this.failures.left--;
        return reply.status(this.failures.status).send({ error: 'ServiceUnavailable', description: 'Service unavailable' });
      }
      this.authenticate(req);
    });
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    app.setErrorHandler((err, _req, reply: FastifyReply) => {
      if (err instanceof ZdError) return reply.status(err.status).send(err.body);
      if ((err as { statusCode?: number }).statusCode === 400) return reply.status(400).send({ error: 'InvalidParameter', description: 'Malformed JSON' });
      if ((err as { statusCode?: number }).statusCode === 413) return reply.status(413).send({ error: 'RecordInvalid', description: 'Record validation errors', details: { file: [{ description: 'File is too large' }] } });
      return reply.status(500).send({ error: 'InternalError', description: String(err) });
    });
    app.setNotFoundHandler((_req, reply) => reply.status(404).send({ error: 'InvalidEndpoint', description: 'Not found' }));

    // Attachments, "Upload Files": the raw bytes as the body, `filename` in the query, the file's MIME type
    // as Content-Type; an optional `token` adds the file to an earlier upload. Answers 201 with
    // { upload: { token, expires_at, attachment, attachments } }. Its own scope: every body is bytes here.
    // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-attachments/#upload-files
    const max = this.options.maxUploadBytes ?? ZENDESK_MAX_UPLOAD_BYTES;
    void app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: max }, (_req, body, done) => done(null, body));
      scope.post('/api/v2/uploads', { bodyLimit: max }, async (req, reply) => {
        const q = req.query as Record<string, string>;
        if (!q.filename) throw badRequest('filename is required');
        const type = String(req.headers['content-type'] ?? '');
        if (!/^[a-z]+\/[a-z0-9.+-]+$/i.test(type.split(';')[0]!.trim())) throw badRequest('Content-Type must be the MIME type of the file');
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        if (!bytes.length) throw invalid({ file: 'File: cannot be empty' });
        let upload: FakeUpload | undefined;
        if (q.token !== undefined) {
          upload = this.uploads.get(q.token);
          if (!upload || upload.expiresAt <= Date.now()) throw notFound();
        } else {
          upload = { token: randomBytes(12).toString('base64url'), attachmentIds: [], expiresAt: Date.now() + UPLOAD_TOKEN_MS };
          this.uploads.set(upload.token, upload);
        }
        const attachment = this.store(q.filename, type.split(';')[0]!.trim(), bytes);
        upload.attachmentIds.push(attachment.id);
        return reply.status(201).send({ upload: { token: upload.token, expires_at: new Date(upload.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'), attachment, attachments: upload.attachmentIds.map((id) => this.files.get(id)!.attachment) } });
      });
    });
    // An attachment's content_url: the bytes. With private attachments (an account setting) only a
    // signed-in user may fetch them: "Enabling private attachments" in the help center.
    app.get('/attachments/token/:secret/', async (req, reply) => {
      const id = this.contentTokens.get((req.params as { secret: string }).secret);
      const file = id === undefined ? undefined : this.files.get(id);
      if (!file) throw notFound();
      return reply.header('content-type', file.attachment.content_type).header('content-length', String(file.bytes.length)).send(file.bytes);
    });

    // Users: "Search Users" (query or external_id), "Show User", "Create User".
    // https://developer.zendesk.com/api-reference/ticketing/users/users/
    app.get('/api/v2/users/search', async (req) => {
      const q = req.query as Record<string, string>;
      let users = [...this.users.values()];
      if (q.external_id !== undefined) users = users.filter((u) => u.external_id === q.external_id);
      else if (q.query !== undefined) {
        const m = /^email:(.+)$/.exec(q.query.trim());
        const term = (m ? m[1]! : q.query).toLowerCase();
        users = users.filter((u) => (m ? u.email?.toLowerCase() === term : `${u.name} ${u.email ?? ''}`.toLowerCase().includes(term)));
      } else throw badRequest('query or external_id is required');
      return { users, next_page: null, previous_page: null, count: users.length };
    });
    app.get('/api/v2/users/:id', async (req) => {
      const u = this.users.get(Number((req.params as { id: string }).id));
      if (!u) throw notFound();
      return { user: u };
    });
    app.post('/api/v2/users', async (req, reply) => {
      const body = checkBody(req.body, { user: 'object' }, 'body');
      const u = checkBody(body.user, { name: 'string', email: 'string', external_id: 'string', role: 'string', organization_id: 'integer' }, 'user');
      if (!u.name) throw invalid({ name: 'Name: cannot be blank' });
      if (u.role !== undefined && !['end-user', 'agent', 'admin'].includes(u.role as string)) throw invalid({ role: 'Role is not valid' });
      if (u.email && [...this.users.values()].some((x) => x.email?.toLowerCase() === String(u.email).toLowerCase())) throw invalid({ email: 'Email is already being used by another user' });
      if (u.organization_id !== undefined && !this.orgs.has(u.organization_id as number)) throw invalid({ organization_id: 'Organization does not exist' });
      const user = this.addUser(u as Parameters<FakeZendesk['addUser']>[0]);
      return reply.status(201).send({ user });
    });

    // Organizations: "Search Organizations" by external_id, "Show Organization", "Create Organization", "List Users" of one.
    // https://developer.zendesk.com/api-reference/ticketing/organizations/organizations/
    app.get('/api/v2/organizations/search', async (req) => {
      const q = req.query as Record<string, string>;
      if (q.external_id === undefined && q.name === undefined) throw badRequest('external_id or name is required');
      const organizations = [...this.orgs.values()].filter((o) => (q.external_id !== undefined ? o.external_id === q.external_id : o.name === q.name));
      return { organizations, count: organizations.length };
    });
    app.get('/api/v2/organizations/:id', async (req) => {
      const o = this.orgs.get(Number((req.params as { id: string }).id));
      if (!o) throw notFound();
      return { organization: o };
    });
    app.post('/api/v2/organizations', async (req, reply) => {
      const body = checkBody(req.body, { organization: 'object' }, 'body');
      const o = checkBody(body.organization, { name: 'string', external_id: 'string' }, 'organization');
      if (!o.name) throw invalid({ name: 'Name: cannot be blank' });
      if ([...this.orgs.values()].some((x) => x.name === o.name)) throw invalid({ name: 'Name: has already been taken' });
      return reply.status(201).send({ organization: this.addOrg(o as { name: string; external_id?: string }) });
    });
    app.get('/api/v2/organizations/:id/users', async (req) => {
      const id = Number((req.params as { id: string }).id);
      if (!this.orgs.has(id)) throw notFound();
      const page = this.page(req, [...this.users.values()].filter((u) => u.organization_id === id));
      return { users: page.items, meta: page.meta, links: page.links };
    });

    // Tickets: "List Tickets" (requested, ccd, organization), "Show Ticket", "Create Ticket", "Update Ticket".
    // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/ ; comments: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/ ;
    // audits: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/ ; follow-ups and safe updates:
    // https://developer.zendesk.com/documentation/ticketing/managing-tickets/creating-and-updating-tickets
    app.get('/api/v2/users/:id/tickets/requested', async (req) => {
      const id = Number((req.params as { id: string }).id);
      if (!this.users.has(id)) throw notFound();
      return this.ticketList(req, [...this.tickets.values()].filter((t) => t.requester_id === id));
    });
    app.get('/api/v2/users/:id/tickets/ccd', async (req) => {
      const id = Number((req.params as { id: string }).id);
      if (!this.users.has(id)) throw notFound();
      return this.ticketList(req, [...this.tickets.values()].filter((t) => t.collaborator_ids.includes(id)));
    });
    app.get('/api/v2/organizations/:id/tickets', async (req) => {
      const id = Number((req.params as { id: string }).id);
      if (!this.orgs.has(id)) throw notFound();
      return this.ticketList(req, [...this.tickets.values()].filter((t) => t.organization_id === id));
    });
    app.get('/api/v2/tickets/:id', async (req) => {
      const t = this.ticketOr404((req.params as { id: string }).id);
      return { ticket: t, ...this.sideload(req, [t]) };
    });
    app.post('/api/v2/tickets', async (req, reply) => {
      const body = checkBody(req.body, { ticket: 'object' }, 'body');
      const w = this.ticketWrite(body.ticket);
      if (!w.comment) throw invalid({ description: 'Description: cannot be blank' });
      const requester = this.users.get((w.requester_id as number | undefined) ?? this.agentId);
      if (!requester) throw invalid({ requester: 'Requester: is invalid' });
      let source: FakeTicket | undefined;
      if (w.via_followup_source_id !== undefined) {
        source = this.tickets.get(w.via_followup_source_id as number);
        if (!source) throw invalid({ via_followup_source_id: 'is invalid' });
        // "Creating a follow-up ticket": the parameter only works with closed tickets.
        if (source.status !== 'closed') source = undefined;
      }
      const comment = w.comment as { body: string; public?: boolean; author_id?: number; uploads?: string[] };
      const files = this.takeUploads(comment.uploads ?? []);
      const t = this.addTicket({ requester_id: requester.id, subject: (w.subject as string | undefined) ?? comment.body.slice(0, 50), body: comment.body, channel: 'api' });
      this.comments.get(t.id)![0]!.attachments.push(...files.map((a) => this.attach(a, t.id)));
      t.submitter_id = comment.author_id ?? this.agentId;
      this.apply(t, w, false);
      if (source) {
        t.via_followup_source_id = source.id;
        source.followup_ids.push(t.id);
      }
      return reply.status(201).send({ ticket: t, audit: this.audits.get(t.id)!.at(-1) });
    });
    app.put('/api/v2/tickets/:id', async (req) => {
      const t = this.ticketOr404((req.params as { id: string }).id);
      const body = checkBody(req.body, { ticket: 'object' }, 'body');
      const w = this.ticketWrite(body.ticket);
      // "Protecting against ticket update collisions": safe_update with the updated_at the client saw.
      if (w.safe_update === true && w.updated_stamp !== t.updated_at) {
        throw new ZdError(409, { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.' });
      }
      if (t.status === 'closed') throw invalid({ status: 'Status: closed prevents ticket update' });
      const audit = this.apply(t, w, true);
      return { ticket: t, audit };
    });
    app.get('/api/v2/tickets/:id/comments', async (req) => {
      const t = this.ticketOr404((req.params as { id: string }).id);
      const all = this.comments.get(t.id)!;
      const page = this.page(req, all);
      const include = String((req.query as Record<string, string>).include ?? '');
      if (include && include !== 'users') throw badRequest(`Unknown sideload ${include}`);
      return { comments: page.items, ...(include ? { users: [...new Set(page.items.map((c) => c.author_id))].map((id) => this.users.get(id)) } : {}), meta: page.meta, links: page.links };
    });
    app.get('/api/v2/tickets/:id/audits', async (req) => {
      const t = this.ticketOr404((req.params as { id: string }).id);
      const page = this.page(req, this.audits.get(t.id)!);
      const include = String((req.query as Record<string, string>).include ?? '');
      if (include && include !== 'users') throw badRequest(`Unknown sideload ${include}`);
      return { audits: page.items, ...(include ? { users: [...new Set(page.items.map((a) => a.author_id))].map((id) => this.users.get(id)) } : {}), meta: page.meta, links: page.links };
    });

    // Satisfaction Ratings, "Create a Satisfaction Rating": end users only, on their solved or closed ticket.
    // https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/
    app.post('/api/v2/tickets/:id/satisfaction_rating', async (req) => {
      const t = this.ticketOr404((req.params as { id: string }).id);
      const body = checkBody(req.body, { satisfaction_rating: 'object' }, 'body');
      const r = checkBody(body.satisfaction_rating, { score: 'string', comment: 'string' }, 'satisfaction_rating');
      const requester = this.users.get(t.requester_id)!;
      if (String(req.headers['x-on-behalf-of'] ?? '').toLowerCase() !== (requester.email ?? '').toLowerCase()) throw new ZdError(403, { error: 'Forbidden', description: 'You do not have access to this page' });
      if (!['good', 'bad'].includes(r.score as string)) throw invalid({ score: 'Score is not valid' });
      if (!['solved', 'closed'].includes(t.status ?? '')) throw invalid({ base: 'Ticket is not solved' });
      t.satisfaction_rating = { score: r.score as string, comment: (r.comment as string | undefined) ?? null };
      t.updated_at = stamp();
      return { satisfaction_rating: { id: this.id(), ticket_id: t.id, requester_id: t.requester_id, ...t.satisfaction_rating } };
    });

    // Incremental Exports, "Incremental Ticket Export, Cursor Based" (and the last minute left out:
    // https://developer.zendesk.com/documentation/ticketing/managing-tickets/using-the-incremental-export-api).
    // https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
    app.get('/api/v2/incremental/tickets/cursor', async (req) => {
      const q = req.query as Record<string, string>;
      const upTo = Math.floor(Date.now() / 1000) - (this.options.exportDelaySeconds ?? 60);
      let after: { t: number; id: number };
      if (q.cursor !== undefined) {
        const [t, id] = Buffer.from(q.cursor, 'base64url').toString().split('|').map(Number);
        if (!Number.isInteger(t) || !Number.isInteger(id)) throw badRequest('Invalid cursor');
        after = { t: t!, id: id! };
      } else if (q.start_time !== undefined) {
        const start = Number(q.start_time);
        if (!Number.isInteger(start)) throw badRequest('start_time must be a Unix epoch time');
        if (start > Math.floor(Date.now() / 1000)) throw badRequest('start_time is in the future');
        after = { t: start, id: 0 };
      } else throw badRequest('start_time or cursor is required');
      const key = (t: FakeTicket) => ({ t: Math.floor(Date.parse(t.updated_at) / 1000), id: t.id });
      const newer = [...this.tickets.values()]
        .map((t) => ({ t, k: key(t) }))
        .filter(({ k }) => (k.t > after.t || (k.t === after.t && k.id > after.id)) && k.t <= upTo)
        .sort((a, b) => a.k.t - b.k.t || a.k.id - b.k.id);
      const page = newer.slice(0, 1000);
      const last = page.at(-1)?.k ?? (q.cursor !== undefined ? after : { t: Math.min(Math.max(after.t, 0), upTo), id: after.id });
      const cursor = Buffer.from(`${last.t}|${last.id}`).toString('base64url');
      return { tickets: page.map((x) => x.t), after_cursor: cursor, after_url: `${this.url}/api/v2/incremental/tickets/cursor.json?cursor=${cursor}`, before_cursor: null, before_url: null, end_of_stream: newer.length <= 1000 };
    });
  }

  private ticketWrite(value: unknown): Record<string, unknown> {
    const w = checkBody(value, {
      subject: 'string',
      comment: 'object',
      requester_id: 'integer',
      status: 'string',
      priority: 'nullable-string',
      type: 'nullable-string',
      collaborator_ids: 'integer[]',
      custom_fields: 'object[]',
      via_followup_source_id: 'integer',
      tags: 'string[]',
      safe_update: 'boolean',
      updated_stamp: 'string',
    }, 'ticket');
    if (w.comment !== undefined) {
      const c = checkBody(w.comment, { body: 'string', html_body: 'string', public: 'boolean', author_id: 'integer', uploads: 'string[]' }, 'ticket.comment');
      if (!String(c.body ?? c.html_body ?? '').trim()) throw invalid({ comment: 'Comment: body cannot be blank' });
      if (c.author_id !== undefined && !this.users.has(c.author_id as number)) throw invalid({ author_id: 'Author is invalid' });
      for (const token of (c.uploads as string[] | undefined) ?? []) {
        const u = this.uploads.get(token);
        if (!u || u.expiresAt <= Date.now()) throw invalid({ uploads: `Upload token ${token} is invalid` });
      }
    }
    if (w.status !== undefined && !STATUSES.includes(w.status as string)) throw invalid({ status: 'Status is not valid' });
    if (w.status === 'new' ) throw invalid({ status: 'Status: cannot be set back to new' });
    if (w.priority !== undefined && w.priority !== null && !PRIORITIES.includes(w.priority as string)) throw invalid({ priority: 'Priority is not valid' });
    if (w.type !== undefined && w.type !== null && !TYPES.includes(w.type as string)) throw invalid({ type: 'Type is not valid' });
    for (const id of (w.collaborator_ids as number[] | undefined) ?? []) if (!this.users.has(id)) throw invalid({ collaborator_ids: `User ${id} does not exist` });
    for (const f of (w.custom_fields as { id?: unknown }[] | undefined) ?? []) {
      checkBody(f, { id: 'integer', value: 'any' }, 'ticket.custom_fields[]');
      if (!(this.options.ticketFieldIds ?? []).includes(f.id as number)) throw invalid({ custom_fields: `Ticket field ${String(f.id)} does not exist` });
    }
    return w;
  }

  /** Applies a validated write, recording its audit (Change events for status; a Comment event with the comment's id). */
  private apply(t: FakeTicket, w: Record<string, unknown>, update: boolean): FakeAudit | null {
    const events: Record<string, unknown>[] = [];
    const author = ((w.comment as { author_id?: number } | undefined)?.author_id) ?? this.agentId;
    if (update && w.comment) {
      const c = w.comment as { body: string; public?: boolean; author_id?: number; uploads?: string[] };
      const comment = this.addComment(t, { body: c.body, public: c.public ?? true, author_id: author, channel: 'api' });
      comment.attachments.push(...this.takeUploads(c.uploads ?? []).map((a) => this.attach(a, t.id)));
      events.push({ id: comment.id, type: 'Comment', body: comment.body, public: comment.public, author_id: author });
    }
    if (w.subject !== undefined) t.subject = t.raw_subject = w.subject as string;
    if (w.priority !== undefined) t.priority = w.priority as string | null;
    if (w.type !== undefined) t.type = w.type as string | null;
    if (w.collaborator_ids !== undefined) t.collaborator_ids = [...new Set(w.collaborator_ids as number[])];
    if (w.tags !== undefined) t.tags = w.tags as string[];
    for (const f of (w.custom_fields as { id: number; value: unknown }[] | undefined) ?? []) {
      const cf = t.custom_fields.find((x) => x.id === f.id);
      if (cf) cf.value = f.value;
    }
    let status = w.status as string | undefined;
    // An end user's public comment on a pending or solved ticket reopens it (Zendesk's default business rule).
    if (update && !status && w.comment && this.users.get(author)?.role === 'end-user' && ['pending', 'solved'].includes(t.status ?? '')) status = 'open';
    if (status && status !== t.status) {
      events.push({ id: this.id(), type: 'Change', field_name: 'status', value: status, previous_value: t.status });
      t.status = status;
    }
    if (!update) return null;
    t.updated_at = stamp();
    return this.audit(t, this.agentId, events);
  }
}
