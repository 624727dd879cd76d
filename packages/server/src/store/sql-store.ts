import { randomUUID } from 'node:crypto';
import {
  decodeCursor,
  encodeCursor,
  statusById,
  type CaseFile,
  type CaseQuery,
  type CaseRecord,
  type Message,
  type MessageKind,
  type Page,
  type ParticipantInput,
  type PersonRef,
  type HistoryEntry,
  type PortalSchema,
  type StatusChange,
} from '@case-portal/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AttachmentClaims, Backend, Caller, CaseWrite, JsonPage } from '../backend/types.js';
import { pageOfScopedCases } from '../backend/scoped-page.js';
import type { TokenClaims } from '../auth/verify-token.js';
import type { Database } from '../db/database.js';
import type { CaseRow, Tables } from '../db/tables.js';
import type { EventHub, StoredEvent } from '../events/types.js';
import { HttpError, validation } from '../http-error.js';
import { DEFAULT_SCOPES } from '../config/defaults.js';
import type { ServerConfig } from '../config/types.js';
import { countedScope, likePattern, scopeCondition, type CountedScope, type ScopeRules } from './case-scope.js';
import { mergeHistory } from './participant-history.js';
import { QueryShapes } from './query-shapes.js';

/** Sort keys the database answers from its own columns; any other sort (and `f.*` filters) is evaluated by core's CaseIndex over the scoped rows. */
const COLUMN_SORTS: Record<string, 'updated_at' | 'created_at' | 'number'> = { updatedAt: 'updated_at', createdAt: 'created_at', number: 'number' };
const NUMBER_DIGITS = 8;

export interface SqlStoreOptions {
  database: Database;
  schema: PortalSchema;
  hub?: EventHub;
  attachments?: AttachmentClaims;
  /** Who reads what (config `scopes`); default: requester, account, contact. */
  scopes?: ServerConfig['scopes'];
}

const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '')}`;

export class SqlStore implements Backend {
  private readonly db: Kysely<Tables>;
  private readonly scopeRules: ScopeRules;
  private readonly shapes = new QueryShapes();
  constructor(private readonly options: SqlStoreOptions) {
    this.db = options.database.db;
    this.scopeRules = {
      scopes: options.scopes ?? DEFAULT_SCOPES,
      dialect: options.database.dialect,
      fieldTypes: Object.fromEntries(options.schema.fields.map((f) => [f.key, f.type])),
    };
  }

  async personFromClaims(tenant: string, claims: TokenClaims) {
    // Every request signs in. A person seen before whose claims are what we stored is one read (with
    // their account): writing the same values again cost a write transaction per request (SQLite's
    // fsync; a commit on PostgreSQL) and made every read wait for SQLite's one writer. People and
    // accounts are only ever added or updated from claims, so the stored row is all there is to compare.
    const known = await this.db
      .selectFrom('people')
      .leftJoin('accounts', (j) => j.onRef('accounts.tenant', '=', 'people.tenant').onRef('accounts.id', '=', 'people.account_id'))
      .select(['people.id', 'people.role', 'people.name', 'people.email', 'people.account_id', 'accounts.org', 'accounts.name as account_name'])
      .where('people.tenant', '=', tenant)
      .where('people.sub', '=', claims.sub)
      .executeTakeFirst();
    if (known && known.role === claims.role && known.name === claims.name && known.email === claims.email && (known.org ?? null) === claims.org) {
      const account = known.account_id !== null && known.account_name !== null ? { id: known.account_id, name: known.account_name } : null;
      return {
        principal: { tenant, personId: known.id, sub: claims.sub, role: claims.role, accountId: account?.id ?? null },
        name: claims.name,
        email: claims.email,
        account,
      };
    }
    return this.storePerson(tenant, claims);
  }

  /** A new person, or one whose claims changed (name, email, role, organization): stored as the token says. */
  private async storePerson(tenant: string, claims: TokenClaims) {
    const now = new Date().toISOString();
    let account: { id: string; name: string } | null = null;
    if (claims.org) {
      await this.db
        .insertInto('accounts')
        .values({ tenant, id: newId('a'), org: claims.org, name: claims.org })
        .onConflict((oc) => oc.columns(['tenant', 'org']).doNothing())
        .execute();
      const row = await this.db.selectFrom('accounts').select(['id', 'name']).where('tenant', '=', tenant).where('org', '=', claims.org).executeTakeFirstOrThrow();
      account = { id: row.id, name: row.name };
    }
    const values = { role: claims.role, name: claims.name, email: claims.email, account_id: account?.id ?? null, updated_at: now };
    await this.db
      .insertInto('people')
      .values({ tenant, id: newId('p'), sub: claims.sub, created_at: now, ...values })
      .onConflict((oc) => oc.columns(['tenant', 'sub']).doUpdateSet(values))
      .execute();
    const person = await this.db.selectFrom('people').select(['id']).where('tenant', '=', tenant).where('sub', '=', claims.sub).executeTakeFirstOrThrow();
    return {
      principal: { tenant, personId: person.id, sub: claims.sub, role: claims.role, accountId: account?.id ?? null },
      name: claims.name,
      email: claims.email,
      account,
    };
  }

  async listCases(caller: Caller, query: CaseQuery, limit: number): Promise<Page<CaseRecord>> {
    const page = await this.listCaseJson(caller, query, limit);
    return { ...page, items: page.items.map((doc) => JSON.parse(doc) as CaseRecord) };
  }

  /**
   * The list with each case as the JSON text it is stored as (a route sends it on without parsing
   * and re-serializing it: routes/case-page.ts). Status counts come from `case_status_counts` when
   * the caller's scope is one it keeps (countedScope) and no keyword or origin narrows it; otherwise
   * the scoped rows are counted. Both queries are built once per shape (QueryShapes).
   */
  async listCaseJson(caller: Caller, query: CaseQuery, limit: number): Promise<JsonPage> {
    const { schema } = this.options;
    const sortColumn = query.sort ? COLUMN_SORTS[query.sort.key] : 'updated_at';
    const keyword = query.keyword?.trim() ?? '';
    if (!sortColumn || (query.fields && Object.keys(query.fields).length)) return this.listInCore(caller, query, limit, keyword);

    const statusIds = new Set(query.statuses ?? []);
    const categories = query.categories ?? [];
    const byCategory = schema.statuses.filter((s) => categories.includes(s.category)).map((s) => s.id);
    const offset = decodeCursor(query.cursor);
    const dir = query.sort?.dir ?? 'desc';
    const scope = this.scopeValues(caller, query, keyword);
    const narrowed = {
      ...scope,
      statuses: statusIds.size ? [...statusIds] : null,
      categoryStatuses: categories.length ? (byCategory.length ? byCategory : ['\u0000none']) : null,
      limit,
      offset,
    };
    const pageQuery = (withoutContacts: boolean) =>
      this.shapes.compile(`page|${this.shapeKeyOf(caller, query)}|${sortColumn}|${dir}|${withoutContacts}`, narrowed, (v) =>
        this.scopedCases(v, caller, query, withoutContacts)
          .$if(v.statuses !== null, (q) => q.where('cases.status', 'in', v.statuses!))
          .$if(v.categoryStatuses !== null, (q) => q.where('cases.status', 'in', v.categoryStatuses!))
          .select('cases.doc')
          .orderBy(`cases.${sortColumn}`, dir)
          .orderBy('cases.id', dir)
          .limit(v.limit)
          .offset(v.offset),
      );
    const page = (withoutContacts: boolean) => this.db.executeQuery<{ doc: string }>(pageQuery(withoutContacts));
    const countedRows = (counted: CountedScope) =>
      this.db.executeQuery<{ status: string | null; n: number | string }>(
        this.shapes.compile('counted', { tenant: caller.principal.tenant, scope: counted.scope, keys: counted.keys, contacts: counted.contacts }, (v) =>
          this.db
            .selectFrom('case_status_counts')
            .select(['status', (eb) => eb.fn.sum<number | string>('n').as('n')])
            .where('tenant', '=', v.tenant)
            .where('scope', '=', v.scope)
            .where('key', 'in', v.keys)
            .groupBy('status')
            .$castTo<{ status: string | null; n: number | string }>()
            // How many cases the contact arms hold, as a row without a status: 0, or the counts are not the list's.
            .$if(v.contacts.length > 0, (q) =>
              q.unionAll(
                this.db
                  .selectFrom('case_contacts')
                  .select([sql<null>`null`.as('status'), (eb) => eb.fn.countAll<number | string>().as('n')])
                  .where('tenant', '=', v.tenant)
                  .where('person_id', 'in', v.contacts),
              ),
            ),
        ),
      );
    const rowCounts = () =>
      this.db.executeQuery<{ status: string; n: number | string }>(
        this.shapes.compile(`counts|${this.shapeKeyOf(caller, query)}`, scope, (v) =>
          this.scopedCases(v, caller, query, false)
            .select(['cases.status', (eb) => eb.fn.countAll<number | string>().as('n')])
            .groupBy('cases.status'),
        ),
      );

    const counted = keyword || query.origins?.length ? null : countedScope(caller, query.view, this.scopeRules);
    let items: { rows: { doc: string }[] };
    let countRows: { status: string | null; n: number | string }[];
    if (counted && counted.contacts.length) {
      // First the counts and whether the contact arms hold anything; without links, the page leaves
      // them out too (one index walk instead of a union of two); with some, the rows are counted.
      const fromTable = (await countedRows(counted)).rows;
      const linked = fromTable.some((r) => r.status === null && Number(r.n) > 0);
      if (linked) [items, { rows: countRows }] = await Promise.all([page(false), rowCounts()]);
      else [items, countRows] = [await page(true), fromTable.filter((r) => r.status !== null)];
    } else {
      [items, { rows: countRows }] = await Promise.all([page(false), counted ? countedRows(counted) : rowCounts()]);
    }
    // Counted statuses that fell to 0 keep their row (the table never deletes): a status without cases is not listed.
    const statusCounts = Object.fromEntries(countRows.filter((c) => Number(c.n) > 0).map((c) => [c.status!, Number(c.n)]));
    // The page's set is the scoped set narrowed to some statuses, so its size is the sum of their
    // counts: no second count over the same rows (for an account of 10,000 cases, a scan saved).
    const kept = (status: string) => (statusIds.size === 0 || statusIds.has(status)) && (categories.length === 0 || byCategory.includes(status));
    const n = Object.entries(statusCounts).reduce((sum, [status, count]) => (kept(status) ? sum + count : sum), 0);
    const end = offset + items.rows.length;
    return { items: items.rows.map((r) => r.doc), total: n, nextCursor: end < n ? encodeCursor(end) : null, statusCounts };
  }

  /** Custom-field filters and sorts (collation, option order) are core's semantics: the same CaseIndex the memory adapter uses, over the caller's scoped rows only. */
  private async listInCore(caller: Caller, query: CaseQuery, limit: number, keyword: string): Promise<JsonPage> {
    const compiled = this.shapes.compile(`all|${this.shapeKeyOf(caller, query)}`, this.scopeValues(caller, query, keyword), (v) => this.scopedCases(v, caller, query, false).select('cases.doc'));
    const { rows } = await this.db.executeQuery<{ doc: string }>(compiled);
    const docs = new Map<string, string>();
    const cases = rows.map((r) => {
      const c = JSON.parse(r.doc) as CaseRecord;
      docs.set(c.id, r.doc);
      return c;
    });
    const page = pageOfScopedCases(cases, query, limit);
    return { ...page, items: page.items.map((c) => docs.get(c.id)!) };
  }

  /** The request's values that the scope, keyword and origin filters are given (QueryShapes fills them in). */
  private scopeValues(caller: Caller, query: CaseQuery, keyword: string) {
    const { principal, viewer } = caller;
    return {
      tenant: principal.tenant,
      viewerId: principal.personId,
      viewerSub: principal.sub,
      viewerAccount: viewer.account?.id ?? null,
      viewerEmail: viewer.email ?? null,
      origins: query.origins?.length ? query.origins : null,
      pattern: keyword ? likePattern(keyword) : null,
    };
  }

  /** What decides a list query's SQL besides its values' presence and lengths: who asks (role, permissions) and in which view. */
  private shapeKeyOf(caller: Caller, query: CaseQuery): string {
    return `${caller.principal.role}|${caller.viewer.permissions.join(',')}|${query.view ?? ''}`;
  }

  /** The caller's cases in the query's view, narrowed by keyword and origins, from `values` (the caller's own, or QueryShapes' stand-ins). */
  private scopedCases(v: ReturnType<SqlStore['scopeValues']>, caller: Caller, query: CaseQuery, withoutContacts: boolean) {
    const asGiven: Caller = {
      principal: { ...caller.principal, tenant: v.tenant, personId: v.viewerId, sub: v.viewerSub, accountId: v.viewerAccount },
      viewer: { ...caller.viewer, id: v.viewerId, account: v.viewerAccount === null ? null : { id: v.viewerAccount, name: '' }, ...(v.viewerEmail === null ? { email: undefined } : { email: v.viewerEmail }) },
    };
    return this.db
      .selectFrom('cases')
      .where('cases.tenant', '=', v.tenant)
      .where((eb) => scopeCondition(eb, asGiven, query.view, this.scopeRules, { withoutContacts }))
      .$if(v.origins !== null, (q) => q.where('cases.origin', 'in', v.origins!))
      .$if(v.pattern !== null, (q) => q.where(sql<boolean>`search_text like ${v.pattern} escape '\\'`));
  }

  async getCase(caller: Caller, id: string): Promise<CaseRecord | null> {
    const row = await this.db
      .selectFrom('cases')
      .select('doc')
      .where('tenant', '=', caller.principal.tenant)
      .where('id', '=', id)
      .where((eb) => scopeCondition(eb, caller, undefined, this.scopeRules))
      .executeTakeFirst();
    return row ? (JSON.parse(row.doc) as CaseRecord) : null;
  }

  async listMessages(caller: Caller, caseId: string, cursor: string | null, limit: number, kinds: MessageKind[] = []): Promise<Page<Message>> {
    const tenant = caller.principal.tenant;
    const onlyPublic = caller.principal.role !== 'agent';
    // The kind lives in the message's JSON: one case's thread is read by (tenant, case_id) first,
    // so testing it there costs no index.
    const kindOf = this.options.database.dialect === 'postgres' ? sql<string>`(doc::jsonb ->> 'kind')` : sql<string>`json_extract(doc, '$.kind')`;
    const thread = this.db
      .selectFrom('messages')
      .where('tenant', '=', tenant)
      .where('case_id', '=', caseId)
      .$if(onlyPublic, (q) => q.where('public', '=', 1))
      .$if(kinds.length > 0, (q) => q.where(kindOf, 'in', kinds));
    // The cursor is how many of the newest messages the earlier pages held; messages only append.
    const skip = decodeCursor(cursor);
    const [rows, total] = await Promise.all([
      thread.select('doc').orderBy('seq', 'desc').limit(limit).offset(skip).execute(),
      thread.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const n = Number(total.n);
    const seen = skip + rows.length;
    return { items: rows.reverse().map((r) => JSON.parse(r.doc) as Message), total: n, nextCursor: seen < n ? encodeCursor(seen) : null };
  }

  async listHistory(caller: Caller, caseId: string, opts: { participants?: boolean } = {}): Promise<HistoryEntry[]> {
    const tenant = caller.principal.tenant;
    const [rows, participants] = await Promise.all([
      this.db.selectFrom('status_changes').selectAll().where('tenant', '=', tenant).where('case_id', '=', caseId).orderBy('seq').execute(),
      opts.participants
        ? this.db.selectFrom('participant_changes').selectAll().where('tenant', '=', tenant).where('case_id', '=', caseId).orderBy('seq').execute()
        : [],
    ]);
    const status = (id: string) => statusById(this.options.schema, id) ?? { id, label: id, category: 'open' as const };
    const statuses = rows.map((r) => {
      const change: StatusChange = { at: r.at, from: r.from_status ? status(r.from_status) : null, to: status(r.to_status) };
      if (r.by_doc) change.by = JSON.parse(r.by_doc);
      if (r.reason) change.reason = r.reason;
      return change;
    });
    return participants.length ? mergeHistory(statuses, participants) : statuses;
  }

  async listFiles(caller: Caller, caseId: string): Promise<CaseFile[]> {
    const c = await this.getCase(caller, caseId);
    if (!c) return [];
    const files: CaseFile[] = c.attachments.map((a) => ({ ...a, createdAt: a.createdAt ?? c.createdAt }));
    const messages = await this.db.selectFrom('messages').select('doc').where('tenant', '=', caller.principal.tenant).where('case_id', '=', caseId).where('public', '=', 1).orderBy('seq').execute();
    for (const row of messages) {
      const m = JSON.parse(row.doc) as Message;
      const { role: _role, ...addedBy } = m.author;
      for (const a of m.attachments) files.push({ ...a, createdAt: a.createdAt ?? m.createdAt, messageId: m.id, addedBy });
    }
    return files.sort((x, y) => Date.parse(x.createdAt!) - Date.parse(y.createdAt!));
  }

  async createCase(caller: Caller, build: (number: number) => CaseWrite): Promise<CaseRecord> {
    const tenant = caller.principal.tenant;
    const { result, events } = await this.db.transaction().execute(async (trx) => {
      // The per-tenant sequence row is locked by this update until commit: numbers are never handed out twice.
      await trx.insertInto('sequences').values({ tenant, name: 'case', next_value: 1 }).onConflict((oc) => oc.columns(['tenant', 'name']).doNothing()).execute();
      const seq = await trx
        .updateTable('sequences')
        .set((eb) => ({ next_value: eb('next_value', '+', 1) }))
        .where('tenant', '=', tenant)
        .where('name', '=', 'case')
        .returning('next_value')
        .executeTakeFirstOrThrow();
      const write = build(Number(seq.next_value) - 1);
      await this.attach(trx, caller, write);
      await trx.insertInto('cases').values(caseRow(tenant, write.next)).execute();
      await this.writeExtras(trx, tenant, write);
      return { result: write.next, events: await this.record(trx, caller, write) };
    });
    this.options.hub?.announce(events);
    return result;
  }

  async saveCase(caller: Caller, expectedVersion: number, write: CaseWrite): Promise<boolean> {
    return this.saveCases(caller, [{ expectedVersion, write }]);
  }

  /** Several cases in one transaction (a merge, a link): all are stored, or none when one was changed meanwhile. */
  async saveCases(caller: Caller, writes: { expectedVersion: number; write: CaseWrite }[]): Promise<boolean> {
    const stale = Symbol('stale');
    let events: StoredEvent[];
    try {
      events = await this.db.transaction().execute(async (trx) => {
        const all: StoredEvent[] = [];
        for (const { expectedVersion, write } of writes) {
          const stored = await this.applyWrite(trx, caller, expectedVersion, write);
          if (!stored) throw stale;
          all.push(...stored);
        }
        return all;
      });
    } catch (e) {
      if (e === stale) return false;
      throw e;
    }
    this.options.hub?.announce(events);
    return true;
  }

  private async applyWrite(trx: Transaction<Tables>, caller: Caller, expectedVersion: number, write: CaseWrite): Promise<StoredEvent[] | null> {
    const tenant = caller.principal.tenant;
    const row = caseRow(tenant, write.next);
    const updated = await trx
      .updateTable('cases')
      .set({ status: row.status, origin: row.origin, search_text: row.search_text, subject: row.subject, updated_at: row.updated_at, version: row.version, doc: row.doc, account_id: row.account_id })
      .where('tenant', '=', tenant)
      .where('id', '=', write.next.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return null;
    await this.attach(trx, caller, write);
    // A doc changed by `attach` (files of the case itself) is written again with them.
    if (write.attach && !write.attach.messageId) await trx.updateTable('cases').set({ doc: JSON.stringify(write.next) }).where('tenant', '=', tenant).where('id', '=', write.next.id).execute();
    await this.writeExtras(trx, tenant, write);
    return await this.record(trx, caller, write);
  }

  async findPeople(caller: Caller, inputs: ParticipantInput[]): Promise<(PersonRef | null)[]> {
    const tenant = caller.principal.tenant;
    const found: (PersonRef | null)[] = [];
    for (const input of inputs) {
      const base = this.db.selectFrom('people').select(['id', 'name', 'email']).where('tenant', '=', tenant).where('role', '<>', 'agent');
      const row =
        'id' in input
          ? caller.principal.accountId
            ? await base.where('id', '=', input.id).where('account_id', '=', caller.principal.accountId).executeTakeFirst()
            : undefined
          : await base.where(sql<string>`lower(email)`, '=', input.email.trim().toLowerCase()).orderBy('created_at').executeTakeFirst();
      found.push(row ? (row.email ? { id: row.id, name: row.name, email: row.email } : { id: row.id, name: row.name }) : null);
    }
    return found;
  }

  async listColleagues(caller: Caller): Promise<PersonRef[]> {
    const account = caller.principal.accountId;
    if (!account) return [];
    const rows = await this.db
      .selectFrom('people')
      .select(['id', 'name'])
      .where('tenant', '=', caller.principal.tenant)
      .where('account_id', '=', account)
      .where('id', '<>', caller.principal.personId)
      .where('role', '<>', 'agent')
      .orderBy('name')
      .orderBy('id')
      .limit(500)
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name }));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** Claims uploads for the case or message, filling their attachment lists; refuses unknown ones. */
  private async attach(trx: Transaction<Tables>, caller: Caller, write: CaseWrite): Promise<void> {
    const ids = write.attach?.ids ?? [];
    if (!ids.length) return;
    if (!this.options.attachments) throw validation('Unknown attachment.', { attachmentIds: 'Unknown attachment.' });
    const target = { caseId: write.next.id, messageId: write.attach!.messageId };
    const claimed = await this.options.attachments.claim(trx, caller.principal, ids, target);
    if ('error' in claimed) throw validation(claimed.error, { attachmentIds: claimed.error });
    if (target.messageId) {
      const m = write.messages?.find((x) => x.id === target.messageId);
      if (m) m.attachments = claimed;
    } else {
      write.next.attachments = [...write.next.attachments, ...claimed];
    }
  }

  private async writeExtras(trx: Transaction<Tables>, tenant: string, write: CaseWrite): Promise<void> {
    const caseId = write.next.id;
    for (const m of write.messages ?? []) {
      await trx
        .insertInto('messages')
        .values((eb) => ({
          tenant,
          id: m.id,
          case_id: caseId,
          seq: eb.selectFrom('messages').select(sql<number>`coalesce(max(seq), 0) + 1`.as('s')).where('tenant', '=', tenant).where('case_id', '=', caseId),
          public: m.public ? 1 : 0,
          created_at: m.createdAt,
          doc: JSON.stringify(m),
        }))
        .execute();
    }
    const change = write.statusChange;
    if (change) {
      await trx
        .insertInto('status_changes')
        .values((eb) => ({
          tenant,
          case_id: caseId,
          seq: eb.selectFrom('status_changes').select(sql<number>`coalesce(max(seq), 0) + 1`.as('s')).where('tenant', '=', tenant).where('case_id', '=', caseId),
          at: change.at,
          from_status: change.from?.id ?? null,
          to_status: change.to.id,
          by_doc: change.by ? JSON.stringify(change.by) : null,
          reason: change.reason ?? null,
        }))
        .execute();
    }
    if (write.contactsChanged) {
      // The scopes read who is copied from these rows (case-scope.ts); the case doc says it too.
      await trx.deleteFrom('case_contacts').where('tenant', '=', tenant).where('case_id', '=', caseId).execute();
      const rows = (write.next.contacts ?? []).map((p) => ({ tenant, case_id: caseId, person_id: p.id }));
      if (rows.length) await trx.insertInto('case_contacts').values(rows).execute();
    }
    for (const p of write.participantChanges ?? []) {
      // After the status change above, if this write has one: `after_status_seq` counts it.
      await trx
        .insertInto('participant_changes')
        .values((eb) => ({
          tenant,
          case_id: caseId,
          seq: eb.selectFrom('participant_changes').select(sql<number>`coalesce(max(seq), 0) + 1`.as('s')).where('tenant', '=', tenant).where('case_id', '=', caseId),
          at: p.at,
          kind: p.kind,
          person_id: p.person.id,
          person_doc: JSON.stringify(p.person),
          by_doc: JSON.stringify(p.by),
          after_status_seq: eb.selectFrom('status_changes').select(sql<number>`coalesce(max(seq), 0)`.as('n')).where('tenant', '=', tenant).where('case_id', '=', caseId),
        }))
        .execute();
    }
    if (write.feedback) {
      await trx
        .insertInto('feedback')
        .values({ tenant, case_id: caseId, person_id: write.next.requester.id, rating: write.feedback.rating, comment: write.feedback.comment, submitted_at: write.feedback.submittedAt })
        .execute()
        .catch(() => {
          throw new HttpError(409, 'conflict', 'Feedback was already given.');
        });
    }
  }

  private async record(trx: Transaction<Tables>, caller: Caller, write: CaseWrite): Promise<StoredEvent[]> {
    if (!this.options.hub || !write.events.length) return [];
    const tenant = caller.principal.tenant;
    return this.options.hub.record(trx, write.events.map((e) => ({ ...e, tenant })));
  }
}

export function formatCaseNumber(n: number): string {
  return String(n).padStart(NUMBER_DIGITS, '0');
}

export function caseRow(tenant: string, c: CaseRecord): CaseRow {
  return {
    tenant,
    id: c.id,
    number: c.number,
    requester_id: c.requester.id,
    account_id: c.account?.id ?? null,
    status: c.status.id,
    origin: c.origin,
    search_text: `${c.number}\n${c.subject}\n${c.description}`.toLowerCase(),
    subject: c.subject,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    version: c.version,
    doc: JSON.stringify(c),
  };
}
