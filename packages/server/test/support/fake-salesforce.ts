/**
 * A strict fake of the Salesforce REST API on loopback, written from Salesforce's documentation:
 * - OAuth 2.0 token endpoint, client credentials and JWT bearer flows
 *   (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm,
 *   …remoteaccess_oauth_jwt_flow.htm): form body in, `{ access_token, instance_url, id, token_type,
 *   issued_at, signature }` out; `{ error, error_description }` with 400 when refused.
 * - REST API Developer Guide (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/):
 *   "Query" (`/query?q=`, batches with `done`/`nextRecordsUrl`, "Query More Results"), "sObject
 *   Rows" (GET with `fields`, PATCH, conditional requests with If-Unmodified-Since → 412),
 *   "sObject Basic Information" (POST → `{ id, success, errors }`), "sObject Describe", "Insert or
 *   Update Blob Data" (ContentVersion by multipart: `entity_content` JSON + `VersionData`), and
 *   "Status Codes and Error Responses": errors are `[{ message, errorCode, fields }]`; 401
 *   INVALID_SESSION_ID for an expired session; 403 REQUEST_LIMIT_EXCEEDED for the API limit.
 * - Object Reference: Case, Contact, Account, CaseComment (ParentId, CommentBody, IsPublished),
 *   FeedItem (ParentId, Body, Type, Visibility), CaseHistory, CaseStatus (ApiName, MasterLabel,
 *   IsClosed, IsDefault, SortOrder), ContentVersion (FirstPublishLocationId, VersionData),
 *   ContentDocumentLink (Visibility: AllUsers / InternalUsers / SharedUsers).
 * Strict: an unknown field, a field that cannot be written, a wrong type, a picklist value the org
 * does not have, or SOQL outside the subset (fake-salesforce-soql.ts) is refused as Salesforce
 * would (INVALID_FIELD, INVALID_FIELD_FOR_INSERT_UPDATE, JSON_PARSER_ERROR,
 * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, MALFORMED_QUERY), so the connector cannot send what
 * Salesforce would not take.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { importSPKI, jwtVerify } from 'jose';
import { parseSoql, SoqlError, type Condition, type Literal } from './fake-salesforce-soql.js';

type FieldType = 'id' | 'string' | 'textarea' | 'picklist' | 'reference' | 'boolean' | 'double' | 'datetime' | 'int' | 'anyType';
interface FieldDef {
  type: FieldType;
  create?: boolean;
  update?: boolean;
  /** reference: the object it points to (and the relationship name used in SOQL). */
  ref?: { object: string; relationship: string };
  values?: () => string[];
}
export type Rec = Record<string, unknown> & { Id: string };

const API_VERSION = /^v\d{2,3}\.0$/;
/** Salesforce's datetime format: `2024-05-01T10:00:00.000+0000` (whole seconds here, as SystemModstamp). */
export const sfTime = (ms = Date.now()) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('Z', '+0000');

class SfError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }
}

export interface FakeSalesforceOptions {
  clientId?: string;
  clientSecret?: string;
  /** The JWT bearer flow: the user and the certificate's public key (SPKI PEM) the connected app holds. */
  jwt?: { username: string; publicKey: string };
  /** Custom Case fields the org has (API name → type). */
  caseFields?: Record<string, 'string' | 'double' | 'boolean'>;
  /** An external id field on Contact for customerMatch. */
  contactExternalId?: string;
  /** Records per query batch (Salesforce: up to 2000); tests lower it to exercise nextRecordsUrl. */
  batchSize?: number;
  /** The org's case statuses, in order; default New (default), Working, Escalated, Closed (closed). */
  statuses?: { ApiName: string; MasterLabel: string; IsClosed: boolean; IsDefault?: boolean }[];
}

const PREFIX: Record<string, string> = { Case: '500', Contact: '003', Account: '001', User: '005', CaseComment: '00a', FeedItem: '0D5', CaseHistory: '017', CaseStatus: '01J', ContentVersion: '068', ContentDocument: '069', ContentDocumentLink: '06A' };

export class FakeSalesforce {
  readonly tables = new Map<string, Map<string, Rec>>();
  readonly blobs = new Map<string, Buffer>();
  /** Every request as it arrived: `METHOD path` (query strings left off). */
  readonly requests: string[] = [];
  /** Every SOQL query as it arrived. */
  readonly queries: string[] = [];
  /** Validation rules the admin made: every write of the object is refused with FIELD_CUSTOM_VALIDATION_EXCEPTION. */
  readonly validationRules: { object: string; field: string; message: string }[] = [];
  /** Case ids every Case query also returns although they do not match (a vendor-side mistake). */
  readonly leakIntoQueries: string[] = [];
  url = '';
  readonly clientId: string;
  clientSecret: string;
  /** The connector's API user (the connected app's "Run As" user). */
  readonly apiUserId: string;
  /** An agent who answers in Salesforce. */
  readonly agentId: string;
  private readonly sessions = new Set<string>();
  private readonly cursors = new Map<string, { records: Rec[]; object: string; fields: string[] }>();
  private readonly schema: Record<string, Record<string, FieldDef>>;
  private counter = 1000;
  /** Records a Composite request created carry its number (`txOf`), as one Salesforce transaction. */
  private txCount = 0;
  private readonly txs = new WeakMap<Rec, number>();
  private limits = { left: 0, retryAfter: 1, status: 429 };
  private failures = { left: 0, status: 503 };
  private app: FastifyInstance;

  constructor(private readonly options: FakeSalesforceOptions = {}) {
    this.clientId = options.clientId ?? '3MVG9fakeConsumerKey';
    this.clientSecret = options.clientSecret ?? 'fake-consumer-secret';
    this.schema = this.buildSchema();
    for (const o of Object.keys(this.schema)) this.tables.set(o, new Map());
    this.apiUserId = this.insert('User', { Name: 'Portal Integration', Username: 'portal@acme.example' }).Id;
    this.agentId = this.insert('User', { Name: 'Sam Agent', Username: 'sam@acme.example' }).Id;
    const statuses = options.statuses ?? [
      { ApiName: 'New', MasterLabel: 'New', IsClosed: false, IsDefault: true },
      { ApiName: 'Working', MasterLabel: 'Working', IsClosed: false },
      { ApiName: 'Escalated', MasterLabel: 'Escalated', IsClosed: false },
      { ApiName: 'Closed', MasterLabel: 'Closed', IsClosed: true },
    ];
    statuses.forEach((s, i) => this.insert('CaseStatus', { ApiName: s.ApiName, MasterLabel: s.MasterLabel, IsClosed: s.IsClosed, IsDefault: !!s.IsDefault, SortOrder: i + 1 }));
    this.app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
    this.routes();
  }

  async start(): Promise<string> {
    this.url = await this.app.listen({ host: '127.0.0.1', port: 0 });
    return this.url;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  // ---- test controls ----------------------------------------------------------------------------

  /** Every access token issued so far stops working (the org's session timeout): 401 INVALID_SESSION_ID. */
  expireSessions(): void {
    this.sessions.clear();
  }

  /** The next `requests` API requests are refused: 429 with Retry-After, or 403 REQUEST_LIMIT_EXCEEDED. */
  rateLimit(requests: number, retryAfterSeconds: number, status: 429 | 403 = 429): void {
    this.limits = { left: requests, retryAfter: retryAfterSeconds, status };
  }

  fail(requests: number, status = 503): void {
    this.failures = { left: requests, status };
  }

  table(object: string): Map<string, Rec> {
    return this.tables.get(object)!;
  }

  addAccount(name: string): Rec {
    return this.insert('Account', { Name: name });
  }

  addContact(c: { name: string; email?: string | null; accountId?: string | null; externalId?: string }): Rec {
    const [first, ...rest] = c.name.split(' ');
    const extra = this.options.contactExternalId && c.externalId ? { [this.options.contactExternalId]: c.externalId } : {};
    return this.insert('Contact', { Name: c.name, FirstName: first, LastName: rest.join(' ') || first, Email: c.email ?? null, AccountId: c.accountId ?? null, ...extra });
  }

  /** A Case as an agent or the web-to-case form would have made it. */
  addCase(c: { contactId: string; subject: string; description?: string; status?: string; at?: number; origin?: string; fields?: Record<string, unknown> }): Rec {
    const contact = this.table('Contact').get(c.contactId)!;
    return this.createCase({ Subject: c.subject, Description: c.description ?? '', Status: c.status ?? this.defaultStatus(), Origin: c.origin ?? 'Web', ContactId: c.contactId, AccountId: contact.AccountId ?? null, Priority: 'Medium', ...c.fields }, this.agentId, c.at);
  }

  /** An agent's comment in Salesforce (public or private); with `status`, the agent also moves the Case. */
  agentComment(caseId: string, body: string, isPublished: boolean, status?: string): Rec {
    const r = this.insert('CaseComment', { ParentId: caseId, CommentBody: body, IsPublished: isPublished, CreatedById: this.agentId });
    if (status) this.updateCase(caseId, { Status: status }, this.agentId);
    return r;
  }

  /** An agent's Chatter post on the Case (a FeedItem of type TextPost). */
  agentPost(caseId: string, body: string, visibility: 'AllUsers' | 'InternalUsers'): Rec {
    return this.insert('FeedItem', { ParentId: caseId, Body: body, Type: 'TextPost', Visibility: visibility, CreatedById: this.agentId });
  }

  /** An agent's file on the Case, with its link's visibility. */
  agentFile(caseId: string, name: string, bytes: Buffer, visibility: 'AllUsers' | 'InternalUsers'): Rec {
    const v = this.createVersion({ Title: name, PathOnClient: name, FirstPublishLocationId: caseId }, bytes, this.agentId);
    const link = [...this.table('ContentDocumentLink').values()].find((l) => l.ContentDocumentId === v.ContentDocumentId && l.LinkedEntityId === caseId)!;
    link.Visibility = visibility;
    return v;
  }

  /** The admin renames a custom Case field (its API name): queries naming the old one fail with INVALID_FIELD. */
  renameCaseField(from: string, to: string): void {
    const defs = this.schema.Case!;
    defs[to] = defs[from]!;
    delete defs[from];
    for (const r of this.table('Case').values()) {
      r[to] = r[from];
      delete r[from];
    }
  }

  defaultStatus(): string {
    return String([...this.table('CaseStatus').values()].find((s) => s.IsDefault)!.ApiName);
  }

  // ---- the data model ---------------------------------------------------------------------------

  private buildSchema(): Record<string, Record<string, FieldDef>> {
    const audit = (): Record<string, FieldDef> => ({ Id: { type: 'id' }, CreatedDate: { type: 'datetime' }, LastModifiedDate: { type: 'datetime' }, SystemModstamp: { type: 'datetime' }, CreatedById: { type: 'reference', ref: { object: 'User', relationship: 'CreatedBy' } } });
    const statuses = () => [...this.table('CaseStatus').values()].map((s) => String(s.ApiName));
    const custom: Record<string, FieldDef> = {};
    for (const [name, type] of Object.entries(this.options.caseFields ?? {})) custom[name] = { type, create: true, update: true };
    return {
      User: { ...audit(), Name: { type: 'string' }, Username: { type: 'string' } },
      Account: { ...audit(), Name: { type: 'string', create: true, update: true } },
      Contact: {
        ...audit(),
        Name: { type: 'string' },
        FirstName: { type: 'string', create: true, update: true },
        LastName: { type: 'string', create: true, update: true },
        Email: { type: 'string', create: true, update: true },
        AccountId: { type: 'reference', create: true, update: true, ref: { object: 'Account', relationship: 'Account' } },
        ...(this.options.contactExternalId ? { [this.options.contactExternalId]: { type: 'string', create: true, update: true } } : {}),
      },
      Case: {
        ...audit(),
        CaseNumber: { type: 'string' },
        Subject: { type: 'string', create: true, update: true },
        Description: { type: 'textarea', create: true, update: true },
        Status: { type: 'picklist', create: true, update: true, values: statuses },
        Priority: { type: 'picklist', create: true, update: true, values: () => ['High', 'Medium', 'Low'] },
        Type: { type: 'picklist', create: true, update: true, values: () => ['Question', 'Problem', 'Feature Request'] },
        Origin: { type: 'picklist', create: true, update: true, values: () => ['Web', 'Email', 'Phone'] },
        ContactId: { type: 'reference', create: true, update: true, ref: { object: 'Contact', relationship: 'Contact' } },
        AccountId: { type: 'reference', create: true, update: true, ref: { object: 'Account', relationship: 'Account' } },
        IsClosed: { type: 'boolean' },
        ClosedDate: { type: 'datetime' },
        ...custom,
      },
      CaseComment: { ...audit(), ParentId: { type: 'reference', create: true, ref: { object: 'Case', relationship: 'Parent' } }, CommentBody: { type: 'textarea', create: true, update: true }, IsPublished: { type: 'boolean', create: true, update: true } },
      FeedItem: {
        ...audit(),
        ParentId: { type: 'reference', create: true, ref: { object: 'Case', relationship: 'Parent' } },
        Body: { type: 'textarea', create: true, update: true },
        Type: { type: 'picklist', create: true, values: () => ['TextPost', 'ContentPost', 'LinkPost'] },
        Visibility: { type: 'picklist', create: true, values: () => ['AllUsers', 'InternalUsers'] },
      },
      CaseHistory: { Id: { type: 'id' }, CaseId: { type: 'reference', ref: { object: 'Case', relationship: 'Case' } }, Field: { type: 'picklist' }, OldValue: { type: 'anyType' }, NewValue: { type: 'anyType' }, CreatedDate: { type: 'datetime' }, CreatedById: { type: 'reference', ref: { object: 'User', relationship: 'CreatedBy' } } },
      CaseStatus: { Id: { type: 'id' }, ApiName: { type: 'string' }, MasterLabel: { type: 'string' }, IsClosed: { type: 'boolean' }, IsDefault: { type: 'boolean' }, SortOrder: { type: 'int' } },
      ContentVersion: {
        ...audit(),
        ContentDocumentId: { type: 'reference', ref: { object: 'ContentDocument', relationship: 'ContentDocument' } },
        Title: { type: 'string', create: true, update: true },
        PathOnClient: { type: 'string', create: true },
        FirstPublishLocationId: { type: 'reference', create: true, ref: { object: 'Case', relationship: 'FirstPublishLocation' } },
        ContentSize: { type: 'int' },
        FileExtension: { type: 'string' },
        IsLatest: { type: 'boolean' },
        VersionData: { type: 'anyType', create: true },
      },
      ContentDocument: { ...audit(), Title: { type: 'string' }, LatestPublishedVersionId: { type: 'reference', ref: { object: 'ContentVersion', relationship: 'LatestPublishedVersion' } } },
      ContentDocumentLink: {
        Id: { type: 'id' },
        ContentDocumentId: { type: 'reference', create: true, ref: { object: 'ContentDocument', relationship: 'ContentDocument' } },
        LinkedEntityId: { type: 'reference', create: true, ref: { object: 'Case', relationship: 'LinkedEntity' } },
        ShareType: { type: 'picklist', create: true, update: true, values: () => ['V', 'C', 'I'] },
        Visibility: { type: 'picklist', create: true, update: true, values: () => ['AllUsers', 'InternalUsers', 'SharedUsers'] },
        SystemModstamp: { type: 'datetime' },
      },
    };
  }

  private newId(object: string): string {
    return `${PREFIX[object]}${String(++this.counter).padStart(12, '0')}AAA`;
  }

  private insert(object: string, fields: Record<string, unknown>, by = this.apiUserId, at = Date.now()): Rec {
    const defs = this.schema[object]!;
    const rec: Rec = { Id: this.newId(object) };
    if ('CreatedDate' in defs) Object.assign(rec, { CreatedDate: sfTime(at), LastModifiedDate: sfTime(at), SystemModstamp: sfTime(at) });
    if ('CreatedById' in defs) rec.CreatedById = by;
    Object.assign(rec, fields);
    this.table(object).set(rec.Id, rec);
    return rec;
  }

  /** The Composite request that inserted a record (null: a request of its own), so a test reads which records one write made together. */
  txOf(rec: Rec): number | null {
    return this.txs.get(rec) ?? null;
  }

  private createCase(fields: Record<string, unknown>, by: string, at = Date.now()): Rec {
    const n = this.table('Case').size + 1001;
    const status = (fields.Status as string | undefined) ?? this.defaultStatus();
    const rec = this.insert('Case', { CaseNumber: String(n).padStart(8, '0'), Status: status, IsClosed: this.isClosed(status), ClosedDate: this.isClosed(status) ? sfTime(at) : null, ...fields }, by, at);
    this.insert('CaseHistory', { CaseId: rec.Id, Field: 'created', OldValue: null, NewValue: null, CreatedDate: sfTime(at), CreatedById: by });
    return rec;
  }

  private isClosed(status: string): boolean {
    return !![...this.table('CaseStatus').values()].find((s) => s.ApiName === status)?.IsClosed;
  }

  private updateCase(id: string, fields: Record<string, unknown>, by: string): void {
    const rec = this.table('Case').get(id)!;
    const now = sfTime();
    if ('Status' in fields && fields.Status !== rec.Status) {
      this.insert('CaseHistory', { CaseId: id, Field: 'Status', OldValue: rec.Status, NewValue: fields.Status, CreatedDate: now, CreatedById: by });
      const closed = this.isClosed(String(fields.Status));
      Object.assign(rec, { IsClosed: closed, ClosedDate: closed ? now : null });
    }
    Object.assign(rec, fields, { LastModifiedDate: now, SystemModstamp: now });
  }

  private createVersion(fields: Record<string, unknown>, bytes: Buffer, by: string): Rec {
    const doc = this.insert('ContentDocument', { Title: fields.Title }, by);
    const name = String(fields.PathOnClient);
    const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? null;
    const v = this.insert('ContentVersion', { ...fields, ContentDocumentId: doc.Id, ContentSize: bytes.length, FileExtension: ext, IsLatest: true }, by);
    delete v.VersionData;
    doc.LatestPublishedVersionId = v.Id;
    this.blobs.set(v.Id, bytes);
    // The owner's link, and (with FirstPublishLocationId) the record's: visible to internal users only until someone shares it wider.
    this.insert('ContentDocumentLink', { ContentDocumentId: doc.Id, LinkedEntityId: by, ShareType: 'I', Visibility: 'AllUsers', SystemModstamp: sfTime() });
    if (typeof fields.FirstPublishLocationId === 'string') this.insert('ContentDocumentLink', { ContentDocumentId: doc.Id, LinkedEntityId: fields.FirstPublishLocationId, ShareType: 'V', Visibility: 'InternalUsers', SystemModstamp: sfTime() });
    return v;
  }

  // ---- HTTP ---------------------------------------------------------------------------------------

  private routes(): void {
    const app = this.app;
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
    app.addContentTypeParser(/^multipart\/form-data/, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    // JSON bodies are parsed here, so a malformed one is JSON_PARSER_ERROR as Salesforce answers it.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(String(body)));
      } catch (e) {
        done(new SfError(400, 'JSON_PARSER_ERROR', `Unexpected character: ${(e as Error).message}`), undefined);
      }
    });
    app.setErrorHandler((err, _req, reply) => {
      if (err instanceof SfError) return reply.status(err.status).send([{ message: err.message, errorCode: err.errorCode, fields: err.fields }]);
      if (err instanceof SoqlError) return reply.status(400).send([{ message: err.message, errorCode: err.errorCode }]);
      return reply.status(500).send([{ message: String((err as Error).message), errorCode: 'UNKNOWN_EXCEPTION' }]);
    });
    app.addHook('onRequest', async (req, reply) => {
      this.requests.push(`${req.method} ${req.url.split('?')[0]}`);
      if (!req.url.startsWith('/services/data/')) return;
      if (this.limits.left > 0) {
        this.limits.left--;
        if (this.limits.status === 429) return reply.status(429).header('retry-after', String(this.limits.retryAfter)).send([{ message: 'Too many requests', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
        return reply.status(403).send([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
      }
      if (this.failures.left > 0) {
        this.failures.left--;
        return reply.status(this.failures.status).send([{ message: 'Service Unavailable', errorCode: 'SERVER_UNAVAILABLE' }]);
      }
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !this.sessions.has(token)) return reply.status(401).send([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    });

    app.post('/services/oauth2/token', async (req, reply) => this.token(req, reply));

    const v = (req: FastifyRequest) => {
      const { version } = req.params as { version: string };
      if (!API_VERSION.test(version)) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    };
    app.get('/services/data/:version/query', async (req) => {
      v(req);
      const q = (req.query as { q?: unknown }).q;
      if (typeof q !== 'string' || !q) throw new SfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
      this.queries.push(q);
      return this.runQuery(q, (req.params as { version: string }).version);
    });
    app.get('/services/data/:version/query/:locator', async (req) => {
      v(req);
      const { locator, version } = req.params as { locator: string; version: string };
      const m = /^(01g[0-9A-Za-z]+)-(\d+)$/.exec(locator);
      const cur = m ? this.cursors.get(m[1]!) : undefined;
      if (!m || !cur) throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return this.batch(m[1]!, cur, Number(m[2]), version);
    });
    app.get('/services/data/:version/sobjects/:object/describe', async (req) => {
      v(req);
      const { object } = req.params as { object: string };
      const defs = this.defs(object);
      return { name: object, fields: Object.entries(defs).map(([name, d]) => ({ name, type: d.type, createable: !!d.create, updateable: !!d.update, ...(d.values ? { picklistValues: d.values().map((value) => ({ value, label: value, active: true })) } : {}) })) };
    });
    app.get('/services/data/:version/sobjects/:object/:id', async (req) => {
      v(req);
      const { object, id, version } = req.params as { object: string; id: string; version: string };
      const defs = this.defs(object);
      const rec = this.table(object).get(id);
      if (!rec) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      const fq = (req.query as { fields?: unknown }).fields;
      const fields = typeof fq === 'string' && fq ? fq.split(',').map((f) => f.trim()) : Object.keys(defs).filter((f) => f !== 'VersionData');
      for (const f of fields) if (!(f in defs)) throw new SfError(400, 'INVALID_FIELD', `No such column '${f}' on sobject of type ${object}`);
      return this.shape(object, rec, fields, version);
    });
    app.get('/services/data/:version/sobjects/ContentVersion/:id/VersionData', async (req, reply) => {
      v(req);
      const { id } = req.params as { id: string };
      const bytes = this.blobs.get(id);
      if (!bytes) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      return reply.header('content-type', 'application/octetstream').send(bytes);
    });
    app.post('/services/data/:version/sobjects/:object/', async (req, reply) => {
      v(req);
      const { object } = req.params as { object: string };
      const rec = object === 'ContentVersion' ? await this.createFromMultipart(req) : this.create(object, req.body);
      return reply.status(201).send({ id: rec.Id, success: true, errors: [] });
    });
    // "Composite": up to 25 subrequests in one call; with allOrNone, one failure rolls all back, the
    // others answering 400 PROCESSING_HALTED. The top-level answer is 200 whatever the subrequests did.
    app.post('/services/data/:version/composite', async (req) => {
      v(req);
      const body = req.body as { allOrNone?: unknown; compositeRequest?: unknown };
      if (typeof body !== 'object' || body === null || !Array.isArray(body.compositeRequest)) throw new SfError(400, 'JSON_PARSER_ERROR', 'compositeRequest is required');
      for (const k of Object.keys(body)) if (k !== 'allOrNone' && k !== 'compositeRequest' && k !== 'collateSubrequests') throw new SfError(400, 'JSON_PARSER_ERROR', `Unrecognized field "${k}"`);
      const subs = body.compositeRequest as { method?: unknown; url?: unknown; referenceId?: unknown; body?: unknown; httpHeaders?: unknown }[];
      if (subs.length > 25) throw new SfError(400, 'INVALID_BATCH_REQUEST', 'Composite request can contain at most 25 subrequests');
      const snapshot = { tables: structuredClone(this.tables), blobs: new Map(this.blobs), counter: this.counter };
      const results: { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }[] = [];
      let failed = false;
      const tx = ++this.txCount;
      for (const sub of subs) {
        if (typeof sub.method !== 'string' || typeof sub.url !== 'string' || typeof sub.referenceId !== 'string' || !/^[A-Za-z0-9_]+$/.test(sub.referenceId)) throw new SfError(400, 'JSON_PARSER_ERROR', 'each subrequest needs method, url and referenceId');
        // "@{referenceId.field}" in a later subrequest's url or body: an earlier subrequest's result.
        const resolve = (v: unknown): unknown => {
          if (typeof v === 'string')
            return v.replace(/@\{([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\}/g, (_m, ref: string, field: string) => {
              const earlier = results.find((r) => r.referenceId === ref);
              const value = earlier && earlier.httpStatusCode < 400 ? (earlier.body as Record<string, unknown> | null)?.[field] : undefined;
              if (typeof value !== 'string') throw new SfError(400, 'INVALID_REFERENCE', `Invalid reference specified. No value for ${ref}.${field} found in ${ref}.`);
              return value;
            });
          if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
          return v;
        };
        const url = resolve(sub.url) as string;
        const payload = sub.body === undefined ? undefined : JSON.stringify(resolve(sub.body));
        const res = await this.app.inject({ method: sub.method as 'POST', url, headers: { authorization: req.headers.authorization ?? '', ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...((sub.httpHeaders as Record<string, string>) ?? {}) }, ...(payload !== undefined ? { payload } : {}) });
        this.requests.pop();
        results.push({ body: res.body ? JSON.parse(res.body) : null, httpHeaders: {}, httpStatusCode: res.statusCode, referenceId: sub.referenceId });
        const created = res.statusCode === 201 ? (JSON.parse(res.body) as { id?: string }).id : undefined;
        const object = /\/sobjects\/([A-Za-z]+)\/$/.exec(url)?.[1];
        const rec = created && object ? this.tables.get(object)?.get(created) : undefined;
        if (rec) this.txs.set(rec, tx);
        if (res.statusCode >= 400) {
          failed = true;
          if (body.allOrNone === true) break;
        }
      }
      if (failed && body.allOrNone === true) {
        this.tables.clear();
        for (const [k, t] of snapshot.tables) this.tables.set(k, t);
        this.blobs.clear();
        for (const [k, b] of snapshot.blobs) this.blobs.set(k, b);
        this.counter = snapshot.counter;
        for (const r of results) if (r.httpStatusCode < 400) Object.assign(r, { httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }] });
        for (const sub of subs.slice(results.length)) results.push({ body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }], httpHeaders: {}, httpStatusCode: 400, referenceId: String(sub.referenceId) });
      }
      return { compositeResponse: results };
    });
    // Deleting a ContentDocument deletes its versions and links (Object Reference, ContentDocument).
    app.delete('/services/data/:version/sobjects/:object/:id', async (req, reply) => {
      v(req);
      const { object, id } = req.params as { object: string; id: string };
      if (object !== 'ContentDocument') throw new SfError(400, 'INVALID_OPERATION', `the fake deletes ContentDocument only, not ${object}`);
      if (!this.table(object).delete(id)) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      for (const [vid, cv] of this.table('ContentVersion')) {
        if (cv.ContentDocumentId !== id) continue;
        this.table('ContentVersion').delete(vid);
        this.blobs.delete(vid);
      }
      for (const [lid, l] of this.table('ContentDocumentLink')) if (l.ContentDocumentId === id) this.table('ContentDocumentLink').delete(lid);
      return reply.status(204).send();
    });
    app.patch('/services/data/:version/sobjects/:object/:id', async (req, reply) => {
      v(req);
      const { object, id } = req.params as { object: string; id: string };
      const defs = this.defs(object);
      const rec = this.table(object).get(id);
      if (!rec) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      const body = this.checkWrite(object, defs, req.body, 'update');
      const since = req.headers['if-unmodified-since'];
      if (typeof since === 'string') {
        const limit = Date.parse(since);
        if (!Number.isFinite(limit)) throw new SfError(400, 'INVALID_HEADER_TYPE', 'If-Unmodified-Since is not a valid date');
        // "Conditional requests": the record's LastModifiedDate must not be after the header's time.
        if (typeof rec.LastModifiedDate === 'string' && Date.parse(rec.LastModifiedDate) > limit) throw new SfError(412, 'PRECONDITION_FAILED', 'The requested resource has been modified since the time specified in If-Unmodified-Since');
      }
      if (object === 'Case') this.updateCase(id, body, this.apiUserId);
      else Object.assign(rec, body, 'SystemModstamp' in defs ? { SystemModstamp: sfTime(), ...('LastModifiedDate' in defs ? { LastModifiedDate: sfTime() } : {}) } : {});
      return reply.status(204).send();
    });
  }

  private async token(req: FastifyRequest, reply: FastifyReply) {
    const body = (req.body ?? {}) as Record<string, string>;
    const refuse = (error: string, description: string) => reply.status(400).send({ error, error_description: description });
    if (body.grant_type === 'client_credentials') {
      if (body.client_id !== this.clientId || body.client_secret !== this.clientSecret) return refuse('invalid_client', 'invalid client credentials');
    } else if (body.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const jwt = this.options.jwt;
      if (!jwt || typeof body.assertion !== 'string') return refuse('invalid_grant', 'invalid assertion');
      try {
        const key = await importSPKI(jwt.publicKey, 'RS256');
        const { payload } = await jwtVerify(body.assertion, key, { issuer: this.clientId, audience: this.url.replace(/\/$/, ''), algorithms: ['RS256'] });
        if (payload.sub !== jwt.username) return refuse('invalid_grant', 'user hasn\'t approved this consumer');
        // "exp: … within 3 minutes" (the JWT bearer flow); a longer-lived assertion is refused.
        if (typeof payload.exp !== 'number' || payload.exp * 1000 > Date.now() + 5 * 60_000) return refuse('invalid_grant', 'invalid assertion expiration');
      } catch (e) {
        return refuse('invalid_grant', `invalid assertion: ${(e as Error).message}`);
      }
    } else {
      return refuse('unsupported_grant_type', 'grant type not supported');
    }
    const accessToken = `00DFAKE!${randomBytes(24).toString('base64url')}`;
    this.sessions.add(accessToken);
    return { access_token: accessToken, instance_url: this.url.replace(/\/$/, ''), id: `${this.url.replace(/\/$/, '')}/id/00DFAKE000000000AAA/${this.apiUserId}`, token_type: 'Bearer', issued_at: String(Date.now()), signature: randomBytes(32).toString('base64') };
  }

  private defs(object: string): Record<string, FieldDef> {
    const defs = this.schema[object];
    if (!defs) throw new SfError(404, 'NOT_FOUND', `The requested resource does not exist`);
    return defs;
  }

  /** A write's body checked as Salesforce checks it: known fields, writable ones, right types, picklist values, then the org's validation rules. */
  private checkWrite(object: string, defs: Record<string, FieldDef>, body: unknown, mode: 'create' | 'update'): Record<string, unknown> {
    const checked = this.checkFields(object, defs, body, mode);
    const rule = this.validationRules.find((r) => r.object === object);
    if (rule) throw new SfError(400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, [rule.field]);
    return checked;
  }

  private checkFields(object: string, defs: Record<string, FieldDef>, body: unknown, mode: 'create' | 'update'): Record<string, unknown> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SfError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${object} from ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE'} token`);
    for (const [k, val] of Object.entries(body)) {
      const d = defs[k];
      if (!d) throw new SfError(400, 'INVALID_FIELD', `No such column '${k}' on sobject of type ${object}`, [k]);
      if (!(mode === 'create' ? d.create : d.update)) throw new SfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to ${mode} fields: ${k}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [k]);
      if (val === null) continue;
      const ok =
        (['string', 'textarea', 'picklist'].includes(d.type) && typeof val === 'string') ||
        (d.type === 'reference' && typeof val === 'string') ||
        (d.type === 'boolean' && typeof val === 'boolean') ||
        ((d.type === 'double' || d.type === 'int') && typeof val === 'number') ||
        d.type === 'anyType';
      if (!ok) throw new SfError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${d.type} from ${typeof val} value ${JSON.stringify(val)} or request may be missing a required field`, [k]);
      if (d.type === 'picklist' && d.values && !d.values().includes(val as string)) throw new SfError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${k}: bad value for restricted picklist field: ${String(val)}`, [k]);
      if (d.type === 'reference' && d.ref) {
        const target = d.ref.object === 'Case' && object === 'ContentDocumentLink' ? null : this.tables.get(d.ref.object);
        if (target && !target.has(val as string)) throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [k]);
      }
    }
    return body as Record<string, unknown>;
  }

  private create(object: string, body: unknown): Rec {
    const defs = this.defs(object);
    const fields = this.checkWrite(object, defs, body, 'create');
    const required: Record<string, string[]> = { CaseComment: ['ParentId'], FeedItem: ['ParentId', 'Body'], Contact: ['LastName'], Account: ['Name'], ContentDocumentLink: ['ContentDocumentId', 'LinkedEntityId'] };
    for (const f of required[object] ?? []) if (fields[f] === undefined || fields[f] === null || fields[f] === '') throw new SfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${f}]`, [f]);
    if (object === 'Case') return this.createCase(fields, this.apiUserId);
    if (object === 'FeedItem') return this.insert(object, { Type: 'TextPost', Visibility: 'InternalUsers', ...fields });
    if (object === 'CaseComment') return this.insert(object, { IsPublished: false, ...fields });
    if (object === 'ContentDocumentLink') {
      const target = String(fields.LinkedEntityId);
      if (!this.table('Case').has(target) && !this.table('User').has(target)) throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['LinkedEntityId']);
      if ([...this.table('ContentDocumentLink').values()].some((l) => l.ContentDocumentId === fields.ContentDocumentId && l.LinkedEntityId === target)) throw new SfError(400, 'DUPLICATE_VALUE', 'Document with ID is already linked with the entity', ['LinkedEntityId']);
      return this.insert(object, { ShareType: 'V', Visibility: 'InternalUsers', SystemModstamp: sfTime(), ...fields });
    }
    return this.insert(object, fields);
  }

  /** "Insert or Update Blob Data": a multipart body with the JSON part `entity_content` and the binary part `VersionData`. */
  private async createFromMultipart(req: FastifyRequest): Promise<Rec> {
    const type = req.headers['content-type'] ?? '';
    if (!Buffer.isBuffer(req.body)) {
      // A JSON body must carry VersionData base64-encoded (the non-multipart form).
      const fields = this.checkWrite('ContentVersion', this.defs('ContentVersion'), req.body, 'create');
      if (typeof fields.VersionData !== 'string' || typeof fields.PathOnClient !== 'string') throw new SfError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [VersionData, PathOnClient]', ['VersionData', 'PathOnClient']);
      const { VersionData, ...rest } = fields;
      return this.createVersion(rest, Buffer.from(VersionData, 'base64'), this.apiUserId);
    }
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': type } }).formData();
    } catch {
      throw new SfError(400, 'INVALID_MULTIPART_REQUEST', 'Unable to parse the multipart request');
    }
    const names: string[] = [];
    form.forEach((_v, k) => names.push(k));
    const meta = form.get('entity_content');
    const data = form.get('VersionData');
    if (names.length !== 2 || meta === null || data === null) throw new SfError(400, 'INVALID_MULTIPART_REQUEST', 'Multipart message must include a non-binary part named entity_content and a binary part named VersionData');
    const text = typeof meta === 'string' ? meta : await (meta as Blob).text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new SfError(400, 'JSON_PARSER_ERROR', `Unexpected character: ${(e as Error).message}`);
    }
    const fields = this.checkWrite('ContentVersion', this.defs('ContentVersion'), parsed, 'create');
    if ('VersionData' in fields) throw new SfError(400, 'INVALID_MULTIPART_REQUEST', 'VersionData belongs in the binary part');
    if (typeof fields.PathOnClient !== 'string' || !fields.PathOnClient) throw new SfError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [PathOnClient]', ['PathOnClient']);
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(await (data as Blob).arrayBuffer());
    return this.createVersion(fields, bytes, this.apiUserId);
  }

  // ---- SOQL ---------------------------------------------------------------------------------------

  private runQuery(q: string, version: string) {
    const soql = parseSoql(q);
    const defs = this.schema[soql.from];
    if (!defs) throw new SoqlError('INVALID_TYPE', `sObject type '${soql.from}' is not supported.`);
    const check = (f: string) => this.fieldDef(soql.from, f);
    soql.fields.forEach(check);
    soql.orderBy.forEach((o) => check(o.field));
    // Every field and literal of the WHERE clause is checked before any record is read, as Salesforce checks the query.
    const walk = (c: Condition | null): void => {
      if (!c) return;
      if (c.kind === 'and' || c.kind === 'or') return c.parts.forEach(walk);
      const def = check(c.field);
      for (const l of c.kind === 'in' ? c.values : [c.value]) this.literal(c.field, def, l);
    };
    walk(soql.where);
    if (soql.from === 'ContentDocumentLink' && !this.filtersById(soql.where)) {
      throw new SoqlError('MALFORMED_QUERY', 'Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id\'s using the IN operator.');
    }
    let rows = [...this.table(soql.from).values()].filter((r) => (soql.where ? this.matches(soql.from, r, soql.where) : true));
    if (soql.from === 'Case') for (const id of this.leakIntoQueries) if (!rows.some((r) => r.Id === id) && this.table('Case').has(id)) rows.push(this.table('Case').get(id)!);
    if (soql.orderBy.length) {
      rows.sort((a, b) => {
        for (const o of soql.orderBy) {
          const x = this.valueOf(soql.from, a, o.field);
          const y = this.valueOf(soql.from, b, o.field);
          const c = compare(x, y);
          if (c) return o.dir === 'ASC' ? c : -c;
        }
        return 0;
      });
    }
    if (soql.limit !== null) rows = rows.slice(0, soql.limit);
    const id = `01g${String(++this.counter).padStart(12, '0')}AAA`;
    const cur = { records: rows, object: soql.from, fields: soql.fields };
    this.cursors.set(id, cur);
    return this.batch(id, cur, 0, version);
  }

  private batch(id: string, cur: { records: Rec[]; object: string; fields: string[] }, offset: number, version: string) {
    const size = this.options.batchSize ?? 2000;
    const slice = cur.records.slice(offset, offset + size);
    const done = offset + size >= cur.records.length;
    return {
      totalSize: cur.records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/query/${id}-${offset + size}` }),
      records: slice.map((r) => this.shape(cur.object, r, cur.fields, version)),
    };
  }

  private filtersById(c: Condition | null): boolean {
    if (!c) return false;
    if (c.kind === 'and' || c.kind === 'or') return c.kind === 'and' && c.parts.some((p) => this.filtersById(p));
    return c.field === 'ContentDocumentId' || c.field === 'LinkedEntityId' ? c.kind === 'in' || c.op === '=' : false;
  }

  /** The definition of `field` (maybe one relationship hop) on `object`; INVALID_FIELD when there is none. */
  private fieldDef(object: string, field: string): FieldDef {
    const [head, tail] = field.split('.');
    const defs = this.schema[object]!;
    if (tail === undefined) {
      const d = defs[head!];
      if (!d || head === 'VersionData') throw new SoqlError('INVALID_FIELD', `No such column '${head}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`);
      return d;
    }
    const rel = Object.values(defs).find((d) => d.ref?.relationship === head);
    if (!rel) throw new SoqlError('INVALID_FIELD', `Didn't understand relationship '${head}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`);
    const target = this.schema[rel.ref!.object]!;
    if (!target[tail]) throw new SoqlError('INVALID_FIELD', `No such column '${tail}' on entity '${rel.ref!.object}'.`);
    return target[tail]!;
  }

  private valueOf(object: string, r: Rec, field: string): unknown {
    const [head, tail] = field.split('.');
    if (tail === undefined) return r[head!] ?? null;
    const [key, def] = Object.entries(this.schema[object]!).find(([, d]) => d.ref?.relationship === head)!;
    const target = this.tables.get(def.ref!.object)?.get(String(r[key]));
    return target ? (target[tail] ?? null) : null;
  }

  private matches(object: string, r: Rec, c: Condition): boolean {
    if (c.kind === 'and' || c.kind === 'or') return c.kind === 'and' ? c.parts.every((p) => this.matches(object, r, p)) : c.parts.some((p) => this.matches(object, r, p));
    const def = this.fieldDef(object, c.field);
    const v = this.valueOf(object, r, c.field);
    if (c.kind === 'in') return c.values.map((l) => this.literal(c.field, def, l)).some((x) => compare(v, x) === 0 && v !== null);
    const x = this.literal(c.field, def, c.value);
    if (c.op === '=') return x === null ? v === null : v !== null && compare(v, x) === 0;
    if (c.op === '!=') return x === null ? v !== null : v === null || compare(v, x) !== 0;
    if (v === null || x === null) return false;
    const cmp = compare(v, x);
    return c.op === '<' ? cmp < 0 : c.op === '>' ? cmp > 0 : c.op === '<=' ? cmp <= 0 : cmp >= 0;
  }

  /** A literal as the field's type wants it; the wrong kind is refused as Salesforce refuses it. */
  private literal(field: string, def: FieldDef, l: Literal): unknown {
    if (l.kind === 'null') return null;
    const wrong = (what: string) => new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `value of filter criterion for field '${field}' must be of type ${what} and should not be enclosed in quotes`);
    switch (def.type) {
      case 'boolean':
        if (l.kind !== 'boolean') throw wrong('boolean');
        return l.value;
      case 'datetime':
        if (l.kind !== 'datetime') throw wrong('dateTime');
        return l.value;
      case 'double':
      case 'int':
        if (l.kind !== 'number') throw wrong('double');
        return l.value;
      case 'id':
      case 'reference':
        if (l.kind !== 'string' || !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(l.value)) throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${l.kind === 'string' ? l.value : String((l as { value?: unknown }).value)}`);
        return l.value;
      default:
        if (l.kind !== 'string') throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `value of filter criterion for field '${field}' must be of type string and should be enclosed in quotes`);
        return l.value;
    }
  }

  /** A record as the API answers it: `attributes`, the asked fields, relationships as nested records (or null). */
  private shape(object: string, r: Rec, fields: string[], version: string): Record<string, unknown> {
    const out: Record<string, unknown> = { attributes: { type: object, url: `/services/data/${version}/sobjects/${object}/${r.Id}` } };
    for (const f of fields) {
      const [head, tail] = f.split('.');
      if (tail === undefined) {
        out[head!] = r[head!] ?? null;
        continue;
      }
      const [key, def] = Object.entries(this.schema[object]!).find(([, d]) => d.ref?.relationship === head)!;
      const target = this.tables.get(def.ref!.object)?.get(String(r[key]));
      if (!target) {
        out[head!] = null;
        continue;
      }
      const nested = (out[head!] as Record<string, unknown> | undefined) ?? { attributes: { type: def.ref!.object, url: `/services/data/${version}/sobjects/${def.ref!.object}/${target.Id}` } };
      nested[tail] = target[tail] ?? null;
      out[head!] = nested;
    }
    return out;
  }
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const x = typeof a === 'string' && /^\d{4}-\d\d-\d\dT/.test(a) ? Date.parse(a) : a;
  const y = typeof b === 'string' && /^\d{4}-\d\d-\d\dT/.test(b) ? Date.parse(b) : b;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  // Salesforce compares text without regard to case.
  return String(x).toLowerCase().localeCompare(String(y).toLowerCase());
}
