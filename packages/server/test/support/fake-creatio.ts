/**
 * A strict fake of Creatio on loopback, written from Creatio's developer documentation, for the
 * Creatio connector's tests:
 * - Forms authentication, `POST /ServiceModel/AuthService.svc/Login` ({ UserName, UserPassword } →
 *   `{ Code: 0 }` and the cookies .ASPXAUTH, BPMCSRF, BPMLOADER, UserName); requests carry the
 *   cookies, and writes must carry the BPMCSRF value as the `BPMCSRF` header.
 *   https://academy.creatio.com/docs/8.x/dev/development-on-creatio-platform/integrations-and-api/authentication/authentication-basics/references/authservice-svc
 * - OAuth 2.0 client credentials at the Identity Service's `/connect/token` (served here too).
 *   https://academy.creatio.com/docs/8.x/no-code-customization/8.1/base-integrations/oauth-2-0/set-up-the-oauth-2-0-authorization-instruction
 * - The OData 4 service `/0/odata/{collection}` and `/0/odata/{collection}({id})`: GET with $filter
 *   (odata-filter.ts), $select, $expand (with a nested $select), $orderby, $top, $skip and
 *   $count=true (`@odata.count`); POST, PATCH, DELETE; a file object's binary `Data` by PUT and GET
 *   (application/octet-stream). Errors are `{ "error": { "code", "message" } }`.
 *   https://academy.creatio.com/docs/8.x/dev/development-on-creatio-platform/integrations-and-api/data-services/odata/basics/references/odata-odata-4
 * Strict where a typo would otherwise go unnoticed: an unknown collection, property, navigation or
 * query option, a wrong type in a body, or a read-only column written is a 400 with that body.
 * It also answers 429 with Retry-After, 5xx, and 401 for an expired session, on demand.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { FilterSyntaxError, parseFilter, type FilterNode, type Literal } from './odata-filter.js';

type ColType = 'guid' | 'string' | 'int' | 'bool' | 'datetime';
interface EntityDef {
  columns: Record<string, ColType>;
  /** Navigation property → [target collection, foreign key column]. */
  navs: Record<string, [string, string]>;
  /** Columns Creatio fills itself. */
  readOnly?: string[];
  /** A file object: has binary Data. */
  file?: boolean;
}
export type Row = Record<string, unknown> & { Id: string };

const CASE_SCHEMA_UID = '117d32f9-8275-4534-8411-1c66115ce9cd';
const BASE = { Id: 'guid', CreatedOn: 'datetime', ModifiedOn: 'datetime', CreatedById: 'guid', ModifiedById: 'guid' } as const;
const BASE_NAVS: Record<string, [string, string]> = { CreatedBy: ['Contact', 'CreatedById'], ModifiedBy: ['Contact', 'ModifiedById'] };
const READ_ONLY = ['CreatedOn', 'ModifiedOn', 'ModifiedById'];

class ODataError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = '',
  ) {
    super(message);
  }
}
const bad = (message: string) => new ODataError(400, message);

/** Creatio's timestamps: ISO 8601 UTC with milliseconds. */
const iso = (ms: number) => new Date(ms).toISOString();

export interface FakeCreatioOptions {
  userName?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  /** Extra text columns of Case (custom fields, e.g. UsrProduct) and of Contact (a match column). */
  caseColumns?: string[];
  contactColumns?: string[];
  /** Creatio's MaxFileSize, in bytes: a larger Data is refused with 413. */
  maxFileBytes?: number;
}

export class FakeCreatio {
  readonly entities: Record<string, EntityDef>;
  readonly data = new Map<string, Map<string, Row>>();
  readonly files = new Map<string, Buffer>();
  /** Every request as it arrived: `METHOD path` (query included). */
  readonly requests: string[] = [];
  /** Case ids a Case list returns although the filter excludes them (a vendor-side mistake). */
  readonly leakIntoLists: string[] = [];
  url = '';
  readonly userName: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The integration user's contact: what the API writes as when it names no one. */
  readonly apiContactId: string;
  readonly status: Record<'new' | 'inProgress' | 'waiting' | 'resolved' | 'reopened' | 'closed' | 'canceled', string>;
  logins = 0;
  /** OData requests that carried a bearer token (OAuth) rather than the session cookie. */
  bearerRequests = 0;
  private sessions = new Map<string, string>();
  private tokens = new Set<string>();
  private throttle = { left: 0, retryAfter: 1 };
  private failures = { left: 0, status: 500 };
  private number = 0;
  private clock = 0;
  private app: FastifyInstance;

  constructor(private readonly options: FakeCreatioOptions = {}) {
    this.userName = options.userName ?? 'Portal integration';
    this.password = options.password ?? 'creatio-test-password';
    this.clientId = options.clientId ?? 'portal-client';
    this.clientSecret = options.clientSecret ?? 'creatio-test-secret';
    const text = (names: string[] = []) => Object.fromEntries(names.map((n) => [n, 'string' as const]));
    const lookup: EntityDef = { columns: { ...BASE, Name: 'string' }, navs: BASE_NAVS, readOnly: READ_ONLY };
    this.entities = {
      Contact: { columns: { ...BASE, Name: 'string', Email: 'string', AccountId: 'guid', ...text(options.contactColumns) }, navs: { ...BASE_NAVS, Account: ['Account', 'AccountId'] }, readOnly: READ_ONLY },
      Account: { columns: { ...BASE, Name: 'string' }, navs: BASE_NAVS, readOnly: READ_ONLY },
      CaseStatus: { columns: { ...BASE, Name: 'string', IsFinal: 'bool', IsResolved: 'bool', IsPaused: 'bool' }, navs: BASE_NAVS, readOnly: READ_ONLY },
      CasePriority: lookup,
      CaseOrigin: lookup,
      SatisfactionLevel: { columns: { ...BASE, Name: 'string', Point: 'int' }, navs: BASE_NAVS, readOnly: READ_ONLY },
      Case: {
        columns: {
          ...BASE,
          Number: 'string',
          Subject: 'string',
          Symptoms: 'string',
          Notes: 'string',
          StatusId: 'guid',
          PriorityId: 'guid',
          OriginId: 'guid',
          ContactId: 'guid',
          AccountId: 'guid',
          OwnerId: 'guid',
          RegisteredOn: 'datetime',
          SolutionDate: 'datetime',
          ClosureDate: 'datetime',
          SatisfactionLevelId: 'guid',
          SatisfactionLevelComment: 'string',
          ...text(options.caseColumns),
        },
        navs: { ...BASE_NAVS, Status: ['CaseStatus', 'StatusId'], Priority: ['CasePriority', 'PriorityId'], Origin: ['CaseOrigin', 'OriginId'], Contact: ['Contact', 'ContactId'], Account: ['Account', 'AccountId'], Owner: ['Contact', 'OwnerId'], SatisfactionLevel: ['SatisfactionLevel', 'SatisfactionLevelId'] },
        readOnly: [...READ_ONLY, 'Number'],
      },
      CaseLifecycle: { columns: { ...BASE, CaseId: 'guid', StatusId: 'guid', StartDate: 'datetime', EndDate: 'datetime' }, navs: { ...BASE_NAVS, Case: ['Case', 'CaseId'], Status: ['CaseStatus', 'StatusId'] }, readOnly: READ_ONLY },
      SocialMessage: { columns: { ...BASE, Message: 'string', EntitySchemaUId: 'guid', EntityId: 'guid', ParentId: 'guid' }, navs: { ...BASE_NAVS, Parent: ['SocialMessage', 'ParentId'] }, readOnly: READ_ONLY },
      CaseFile: { columns: { ...BASE, CaseId: 'guid', Name: 'string', Size: 'int', TypeId: 'guid', Version: 'int' }, navs: { ...BASE_NAVS, Case: ['Case', 'CaseId'] }, readOnly: READ_ONLY, file: true },
    };
    for (const name of Object.keys(this.entities)) this.data.set(name, new Map());
    this.apiContactId = this.insert('Contact', { Name: 'Portal integration' }).Id;
    const st = (Name: string, flags: { IsFinal?: boolean; IsResolved?: boolean; IsPaused?: boolean } = {}) =>
      this.insert('CaseStatus', { Name, IsFinal: !!flags.IsFinal, IsResolved: !!flags.IsResolved, IsPaused: !!flags.IsPaused }).Id;
    this.status = {
      new: st('New'),
      inProgress: st('In progress'),
      waiting: st('Waiting for response', { IsPaused: true }),
      resolved: st('Resolved', { IsResolved: true }),
      reopened: st('Reopened'),
      closed: st('Closed', { IsFinal: true, IsResolved: true }),
      canceled: st('Canceled', { IsFinal: true }),
    };
    for (const n of ['Low', 'Medium', 'High', 'Critical']) this.insert('CasePriority', { Name: n });
    for (const n of ['Call', 'Email', 'Portal', 'Chat']) this.insert('CaseOrigin', { Name: n });
    ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'].forEach((Name, i) => this.insert('SatisfactionLevel', { Name, Point: i + 1 }));
    this.app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
    this.app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    this.app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
    this.routes();
  }

  async start(): Promise<string> {
    this.url = await this.app.listen({ host: '127.0.0.1', port: 0 });
    return this.url;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  /** The next `requests` OData requests are answered 429 with Retry-After (seconds). */
  rateLimit(requests: number, retryAfterSeconds: number): void {
    this.throttle = { left: requests, retryAfter: retryAfterSeconds };
  }

  /** The next `requests` OData requests fail with `status` (5xx). */
  fail(requests: number, status = 503): void {
    this.failures = { left: requests, status };
  }

  /** Every session and token ends (an expired session, a restarted Creatio): the next request is a 401. */
  expireSessions(): void {
    this.sessions.clear();
    this.tokens.clear();
  }

  /** An admin renames a Case column (a custom field's column): reads no longer carry the old name. */
  renameCaseColumn(from: string, to: string): void {
    const def = this.entities.Case!;
    def.columns[to] = def.columns[from]!;
    delete def.columns[from];
    for (const row of this.data.get('Case')!.values()) {
      row[to] = row[from];
      delete row[from];
    }
  }

  rows(collection: string): Row[] {
    return [...this.data.get(collection)!.values()];
  }

  row(collection: string, id: string): Row | undefined {
    return this.data.get(collection)!.get(id);
  }

  /** A monotonic clock: two writes never share a ModifiedOn. */
  private now(): number {
    this.clock = Math.max(Date.now(), this.clock + 1);
    return this.clock;
  }

  /** A record as Creatio would store it (defaults and side effects included), without HTTP. */
  insert(collection: string, values: Record<string, unknown>, by = this.apiContactId, at = this.now()): Row {
    const def = this.entities[collection]!;
    const row = {} as Row;
    for (const [c, t] of Object.entries(def.columns)) row[c] = t === 'bool' ? false : t === 'int' ? 0 : t === 'string' ? '' : null;
    Object.assign(row, { Id: randomUUID(), CreatedOn: iso(at), ModifiedOn: iso(at), CreatedById: by, ModifiedById: by }, values);
    row.Id = String(row.Id).toLowerCase();
    if (collection === 'Case') {
      row.Number = `SR${String(++this.number).padStart(8, '0')}`;
      row.StatusId ??= this.status.new;
      row.RegisteredOn ??= row.CreatedOn;
    }
    this.data.get(collection)!.set(row.Id, row);
    if (collection === 'Case') this.insert('CaseLifecycle', { CaseId: row.Id, StatusId: row.StatusId, StartDate: row.CreatedOn }, by, at);
    return row;
  }

  /** A change as Creatio applies it: ModifiedOn moves; a new status closes the lifecycle period and opens one. */
  modify(collection: string, id: string, values: Record<string, unknown>, by = this.apiContactId): Row {
    const row = this.row(collection, id)!;
    const at = this.now();
    const statusBefore = row.StatusId;
    Object.assign(row, values, { ModifiedOn: iso(at), ModifiedById: by });
    if (collection === 'Case' && values.StatusId !== undefined && values.StatusId !== statusBefore) {
      for (const p of this.rows('CaseLifecycle')) if (p.CaseId === id && !p.EndDate) p.EndDate = iso(at);
      this.insert('CaseLifecycle', { CaseId: id, StatusId: values.StatusId, StartDate: iso(at) }, by, at);
      const st = this.row('CaseStatus', String(values.StatusId));
      if (st?.IsResolved) row.SolutionDate = iso(at);
      if (st?.IsFinal) row.ClosureDate = iso(at);
    }
    return row;
  }

  addAccount(name: string): Row {
    return this.insert('Account', { Name: name });
  }

  addContact(c: { name: string; email?: string; accountId?: string | null; [column: string]: unknown }): Row {
    const { name, email, accountId, ...rest } = c;
    return this.insert('Contact', { Name: name, Email: email ?? '', AccountId: accountId ?? null, ...rest });
  }

  /** A case as an agent or Creatio's own portal would have made it. */
  addCase(c: { contactId: string; subject: string; symptoms?: string; statusId?: string; accountId?: string | null; notes?: string; at?: number; [column: string]: unknown }): Row {
    const { contactId, subject, symptoms, statusId, accountId, notes, at, ...rest } = c;
    const account = accountId === undefined ? (this.row('Contact', contactId)?.AccountId ?? null) : accountId;
    return this.insert('Case', { ContactId: contactId, Subject: subject, Symptoms: symptoms ?? '', StatusId: statusId ?? this.status.inProgress, AccountId: account, Notes: notes ?? '', ...rest }, this.apiContactId, at ?? this.now());
  }

  /** A message in a case's feed, by an employee unless `by` names someone else. */
  addMessage(caseId: string, message: string, by = this.apiContactId): Row {
    return this.insert('SocialMessage', { Message: message, EntitySchemaUId: CASE_SCHEMA_UID, EntityId: caseId }, by);
  }

  addFile(caseId: string, name: string, bytes: Buffer, by = this.apiContactId): Row {
    const row = this.insert('CaseFile', { CaseId: caseId, Name: name, Size: bytes.length, TypeId: '529bc2f8-0ee0-df11-971b-001d60e938c6' }, by);
    this.files.set(row.Id, bytes);
    return row;
  }

  private routes(): void {
    const app = this.app;
    app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
      if (err instanceof ODataError) return reply.status(err.status).send({ error: { code: err.code, message: err.message } });
      return reply.status(err.statusCode ?? 500).send({ error: { code: '', message: err.message } });
    });

    app.post('/ServiceModel/AuthService.svc/Login', async (req, reply) => {
      const body = req.body as { UserName?: unknown; UserPassword?: unknown } | null;
      if (req.headers['forceusesession'] !== 'true') throw bad('ForceUseSession header required');
      if (body?.UserName !== this.userName || body?.UserPassword !== this.password) return { Code: 1, Message: 'Either user name or password is not valid', Exception: null, PasswordChangeUrl: null, RedirectUrl: null };
      this.logins++;
      const auth = randomBytes(24).toString('hex');
      const csrf = randomBytes(16).toString('base64url');
      this.sessions.set(auth, csrf);
      reply.header('set-cookie', [`BPMLOADER=${randomBytes(8).toString('hex')}; path=/; HttpOnly`, `.ASPXAUTH=${auth}; path=/; HttpOnly`, `BPMCSRF=${csrf}; path=/`, `UserName=${encodeURIComponent(this.userName)}; path=/; HttpOnly`]);
      return { Code: 0, Message: '', Exception: null, PasswordChangeUrl: null, RedirectUrl: null };
    });

    app.post('/connect/token', async (req, reply) => {
      const body = req.body as Record<string, string>;
      if (body.grant_type !== 'client_credentials') return reply.status(400).send({ error: 'unsupported_grant_type' });
      if (body.client_id !== this.clientId || body.client_secret !== this.clientSecret) return reply.status(400).send({ error: 'invalid_client' });
      this.logins++;
      const token = randomBytes(24).toString('hex');
      this.tokens.add(token);
      return { access_token: token, expires_in: 3600, token_type: 'Bearer', scope: 'ApplicationAccess' };
    });

    const odata = async (req: FastifyRequest, reply: FastifyReply) => {
      this.requests.push(`${req.method} ${req.url}`);
      this.authorize(req);
      if (this.throttle.left > 0) {
        this.throttle.left--;
        return reply.status(429).header('retry-after', String(this.throttle.retryAfter)).send({ error: { code: '', message: 'Too many requests' } });
      }
      if (this.failures.left > 0) {
        this.failures.left--;
        return reply.status(this.failures.status).send({ error: { code: '', message: 'Service unavailable' } });
      }
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname.slice('/0/odata/'.length));
      const m = /^([A-Za-z]+)(?:\(([0-9a-fA-F-]{36})\))?(?:\/(Data))?$/.exec(path);
      if (!m) throw new ODataError(404, `No HTTP resource was found that matches the request URI '${path}'.`);
      const [, collection, id, data] = m;
      const def = this.entities[collection!];
      if (!def) throw new ODataError(404, `The collection '${collection}' is not found.`);
      const query = req.query as Record<string, string>;
      if (data) return this.data_(req, reply, collection!, def, id);
      if (!id) {
        if (req.method === 'GET') return this.list(collection!, def, query);
        if (req.method === 'POST') return reply.status(201).send(this.create(collection!, def, req.body));
        throw new ODataError(405, 'The requested resource does not support this method.');
      }
      const row = this.row(collection!, id.toLowerCase());
      if (!row) throw new ODataError(404, `The entity '${collection}' with the key '${id}' is not found.`);
      if (req.method === 'GET') return this.shape(def, row, query, ['$select', '$expand']);
      if (req.method === 'PATCH') {
        this.modify(collection!, row.Id, this.checkBody(def, req.body, false));
        return reply.status(204).send();
      }
      if (req.method === 'DELETE') {
        this.data.get(collection!)!.delete(row.Id);
        this.files.delete(row.Id);
        return reply.status(204).send();
      }
      throw new ODataError(405, 'The requested resource does not support this method.');
    };
    app.route({ method: ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'], url: '/0/odata/*', handler: odata });
  }

  /** The session cookie (and on writes, the BPMCSRF header that matches it), or a bearer token. */
  private authorize(req: FastifyRequest): void {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      if (!this.tokens.has(bearer)) throw new ODataError(401, 'Unauthorized');
      this.bearerRequests++;
      return;
    }
    const cookie = Object.fromEntries((req.headers.cookie ?? '').split(';').map((p) => p.trim().split('=') as [string, string]));
    const csrf = this.sessions.get(cookie['.ASPXAUTH'] ?? '');
    if (csrf === undefined) throw new ODataError(401, 'Unauthorized');
    if (req.method !== 'GET' && req.headers['bpmcsrf'] !== csrf) throw new ODataError(403, 'CSRF token is missing or invalid (BPMCSRF header).');
  }

  private data_(req: FastifyRequest, reply: FastifyReply, collection: string, def: EntityDef, id: string | undefined) {
    if (!def.file || !id) throw new ODataError(404, `'${collection}' has no Data.`);
    const row = this.row(collection, id.toLowerCase());
    if (!row) throw new ODataError(404, `The entity '${collection}' with the key '${id}' is not found.`);
    if (req.method === 'GET') {
      const bytes = this.files.get(row.Id);
      if (!bytes) throw new ODataError(404, 'The file has no data.');
      return reply.header('content-type', 'application/octet-stream').send(bytes);
    }
    if (req.method === 'PUT') {
      if (req.headers['content-type'] !== 'application/octet-stream' || !Buffer.isBuffer(req.body)) throw bad('Data takes application/octet-stream.');
      if (this.options.maxFileBytes !== undefined && req.body.length > this.options.maxFileBytes) throw new ODataError(413, 'The file size exceeds the MaxFileSize system setting.');
      this.files.set(row.Id, req.body);
      this.modify(collection, row.Id, { Size: req.body.length });
      return reply.status(204).send();
    }
    throw new ODataError(405, 'The requested resource does not support this method.');
  }

  private create(collection: string, def: EntityDef, body: unknown): Row {
    const values = this.checkBody(def, body, true);
    if (values.Id !== undefined && this.row(collection, String(values.Id).toLowerCase())) throw bad(`A record with the Id '${values.Id}' already exists.`);
    const by = typeof values.CreatedById === 'string' ? values.CreatedById : this.apiContactId;
    return this.insert(collection, values, by);
  }

  /** Known columns with the right types only; lookups must point at existing records. */
  private checkBody(def: EntityDef, body: unknown, creating: boolean): Record<string, unknown> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('The request body must be a JSON object.');
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) {
      const type = def.columns[k];
      if (!type) throw bad(`The property '${k}' does not exist on type 'Terrasoft.Configuration.OData.${this.nameOf(def)}'. Make sure to only use property names that are defined by the type.`);
      if ((def.readOnly ?? []).includes(k) || (k === 'Id' && !creating) || (k === 'CreatedById' && !creating)) throw bad(`The property '${k}' cannot be changed.`);
      const ok =
        v === null
          ? k !== 'Id'
          : type === 'string'
            ? typeof v === 'string'
            : type === 'int'
              ? Number.isInteger(v)
              : type === 'bool'
                ? typeof v === 'boolean'
                : type === 'guid'
                  ? typeof v === 'string' && /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v)
                  : typeof v === 'string' && Number.isFinite(Date.parse(v));
      if (!ok) throw bad(`Cannot convert the literal '${JSON.stringify(v)}' to the expected type 'Edm.${type === 'guid' ? 'Guid' : type === 'int' ? 'Int32' : type === 'bool' ? 'Boolean' : type === 'datetime' ? 'DateTimeOffset' : 'String'}' of '${k}'.`);
      const nav = Object.values(def.navs).find(([, fk]) => fk === k);
      if (nav && typeof v === 'string' && !this.row(nav[0], v.toLowerCase())) throw bad(`The ${k} '${v}' refers to no ${nav[0]}.`);
      out[k] = type === 'guid' && typeof v === 'string' ? v.toLowerCase() : v;
    }
    return out;
  }

  private nameOf(def: EntityDef): string {
    return Object.entries(this.entities).find(([, d]) => d === def)?.[0] ?? '?';
  }

  private list(collection: string, def: EntityDef, query: Record<string, string>) {
    const known = ['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count'];
    for (const k of Object.keys(query)) if (!known.includes(k)) throw bad(`The query parameter '${k}' is not supported.`);
    let rows = this.rows(collection);
    if (query.$filter !== undefined) {
      let tree: FilterNode;
      try {
        tree = parseFilter(query.$filter);
      } catch (e) {
        if (e instanceof FilterSyntaxError) throw bad(e.message);
        throw e;
      }
      this.checkFilter(def, tree);
      const leaked = collection === 'Case' ? this.leakIntoLists : [];
      rows = rows.filter((r) => this.test(def, r, tree) || leaked.includes(r.Id));
    }
    if (query.$orderby) {
      const keys = query.$orderby.split(',').map((part) => {
        const m = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/.exec(part);
        if (!m || !def.columns[m[1]!]) throw bad(`The $orderby '${part}' names no property of ${collection}.`);
        return { key: m[1]!, dir: m[2] === 'desc' ? -1 : 1 };
      });
      rows = [...rows].sort((a, b) => {
        for (const { key, dir } of keys) {
          const x = String(a[key] ?? '');
          const y = String(b[key] ?? '');
          if (x !== y) return (x < y ? -1 : 1) * dir;
        }
        return 0;
      });
    }
    const count = rows.length;
    const int = (name: string) => {
      const v = query[name];
      if (v === undefined) return undefined;
      if (!/^\d+$/.test(v)) throw bad(`${name} must be a non-negative integer.`);
      return Number(v);
    };
    const skip = int('$skip') ?? 0;
    const top = int('$top');
    rows = rows.slice(skip, top === undefined ? undefined : skip + top);
    if (query.$count !== undefined && query.$count !== 'true' && query.$count !== 'false') throw bad('$count must be true or false.');
    return {
      '@odata.context': `${this.url}/0/odata/$metadata#${collection}`,
      ...(query.$count === 'true' ? { '@odata.count': count } : {}),
      value: rows.map((r) => this.shape(def, r, query, known)),
    };
  }

  /** A record with only the selected columns and the expanded navigations. */
  private shape(def: EntityDef, row: Row, query: Record<string, string | undefined>, allowed: string[]): Record<string, unknown> {
    for (const k of Object.keys(query)) if (!allowed.includes(k)) throw bad(`The query parameter '${k}' is not supported here.`);
    const out = this.select(def, row, query.$select);
    for (const part of splitTop(query.$expand ?? '')) {
      const m = /^([A-Za-z]+)(?:\(\$select=([A-Za-z,]+)\))?$/.exec(part);
      const nav = m ? def.navs[m[1]!] : undefined;
      if (!m || !nav) throw bad(`Could not find a navigation property '${part}' on ${this.nameOf(def)}.`);
      const target = row[nav[1]] ? this.row(nav[0], String(row[nav[1]])) : undefined;
      out[m[1]!] = target ? this.select(this.entities[nav[0]]!, target, m[2]) : null;
    }
    return out;
  }

  private select(def: EntityDef, row: Row, select: string | undefined): Record<string, unknown> {
    if (!select) return Object.fromEntries(Object.keys(def.columns).map((c) => [c, row[c] ?? null]));
    const out: Record<string, unknown> = {};
    for (const c of select.split(',')) {
      if (!def.columns[c]) throw bad(`Could not find a property named '${c}' on type '${this.nameOf(def)}'.`);
      out[c] = row[c] ?? null;
    }
    return out;
  }

  /** Every path and literal of a filter is checked against the object before any row is read. */
  private checkFilter(def: EntityDef, node: FilterNode): void {
    if (node.op === 'and' || node.op === 'or') {
      this.checkFilter(def, node.left);
      this.checkFilter(def, node.right);
      return;
    }
    if (node.op === 'not') {
      this.checkFilter(def, node.operand);
      return;
    }
    const type = this.typeOf(def, node.path);
    if (node.op === 'contains') {
      if (type !== 'string') throw bad(`contains needs a string property, '${node.path.join('/')}' is ${type}.`);
      return;
    }
    const v = node.value;
    const fits =
      v === null ||
      (type === 'string' && typeof v === 'string') ||
      (type === 'guid' && typeof v === 'object' && 'guid' in v) ||
      (type === 'datetime' && typeof v === 'object' && 'datetime' in v) ||
      (type === 'int' && typeof v === 'number') ||
      (type === 'bool' && typeof v === 'boolean');
    if (!fits) throw bad(`A binary operator with incompatible types was detected: '${node.path.join('/')}' (${type}) and ${JSON.stringify(v)}.`);
  }

  private typeOf(def: EntityDef, path: string[]): ColType {
    if (path.length === 1) {
      const t = def.columns[path[0]!];
      if (!t) throw bad(`Could not find a property named '${path[0]}' on type '${this.nameOf(def)}'.`);
      return t;
    }
    const nav = def.navs[path[0]!];
    if (!nav) throw bad(`Could not find a navigation property named '${path[0]}' on type '${this.nameOf(def)}'.`);
    return this.typeOf(this.entities[nav[0]]!, path.slice(1));
  }

  private valueOf(def: EntityDef, row: Row, path: string[]): unknown {
    if (path.length === 1) return row[path[0]!];
    const nav = def.navs[path[0]!]!;
    const target = row[nav[1]] ? this.row(nav[0], String(row[nav[1]])) : undefined;
    return target ? this.valueOf(this.entities[nav[0]]!, target, path.slice(1)) : null;
  }

  private test(def: EntityDef, row: Row, node: FilterNode): boolean {
    if (node.op === 'and' || node.op === 'or') return node.op === 'and' ? this.test(def, row, node.left) && this.test(def, row, node.right) : this.test(def, row, node.left) || this.test(def, row, node.right);
    if (node.op === 'not') return !this.test(def, row, node.operand);
    const actual = this.valueOf(def, row, node.path);
    if (node.op === 'contains') return typeof actual === 'string' && actual.toLowerCase().includes(node.value.toLowerCase());
    const want = plain(node.value);
    if (node.cmp === 'eq') return norm(actual) === want;
    if (node.cmp === 'ne') return norm(actual) !== want;
    if (actual === null || actual === undefined || want === null) return false;
    const [a, b] = typeof node.value === 'object' && node.value && 'datetime' in node.value ? [Date.parse(String(actual)), Date.parse(String(want))] : [actual as number, want as number];
    return node.cmp === 'gt' ? a > b : node.cmp === 'ge' ? a >= b : node.cmp === 'lt' ? a < b : a <= b;
  }
}

function plain(v: Literal): unknown {
  if (v && typeof v === 'object') return 'guid' in v ? v.guid : v.datetime;
  return v;
}
function norm(v: unknown): unknown {
  if (typeof v === 'string' && /^[0-9A-F-]{36}$/i.test(v)) return v.toLowerCase();
  return v ?? null;
}

/** `a,b($select=x,y),c` → the three parts (commas inside parentheses stay). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === ',' && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}
