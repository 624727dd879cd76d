import { HttpError } from '../../http-error.js';
import { VendorError, type VendorHttp } from '../vendor-http.js';
import type { CreatioSession } from './session.js';

/**
 * Creatio's OData 4 service (`/0/odata`) as the connector uses it: collections by object name,
 * `$filter`, `$select`, `$expand`, `$orderby`, `$top`, `$skip`, `$count=true` (`@odata.count`),
 * POST / PATCH / DELETE of records, and a file object's binary `Data` (GET and PUT as
 * application/octet-stream). Errors come as `{ "error": { "code", "message" } }`.
 * https://academy.creatio.com/docs/8.x/dev/development-on-creatio-platform/integrations-and-api/data-services/odata/basics/references/odata-odata-4
 * Objects and columns (Service Creatio): Case, CaseStatus (IsFinal, IsResolved, IsPaused),
 * CasePriority, CaseOrigin, CaseLifecycle (the status periods of a case), Contact, Account,
 * SocialMessage (the case feed the self-service portal shows), CaseFile, SatisfactionLevel (Point).
 */
export type Guid = string;

export interface CrLookup {
  Id: Guid;
  Name?: string;
}
export interface CrStatus extends CrLookup {
  IsFinal?: boolean;
  IsResolved?: boolean;
  IsPaused?: boolean;
}
export interface CrSatisfaction extends CrLookup {
  Point?: number;
}
export interface CrContact {
  Id: Guid;
  Name?: string;
  Email?: string | null;
  AccountId?: Guid | null;
  [column: string]: unknown;
}
export interface CrCase {
  Id: Guid;
  Number?: string;
  Subject?: string;
  Symptoms?: string;
  StatusId?: Guid;
  PriorityId?: Guid | null;
  OriginId?: Guid | null;
  ContactId?: Guid | null;
  AccountId?: Guid | null;
  OwnerId?: Guid | null;
  RegisteredOn?: string;
  CreatedOn?: string;
  ModifiedOn?: string;
  ClosureDate?: string | null;
  SolutionDate?: string | null;
  SatisfactionLevelId?: Guid | null;
  SatisfactionLevelComment?: string | null;
  Contact?: { Id: Guid; Name?: string; Email?: string | null } | null;
  Account?: { Id: Guid; Name?: string } | null;
  Owner?: { Id: Guid; Name?: string } | null;
  [column: string]: unknown;
}
export interface CrLifecycle {
  Id: Guid;
  CaseId: Guid;
  StatusId: Guid;
  StartDate: string;
  EndDate?: string | null;
}
export interface CrMessage {
  Id: Guid;
  Message?: string;
  EntitySchemaUId?: Guid;
  EntityId?: Guid;
  CreatedOn?: string;
  CreatedById?: Guid;
  CreatedBy?: { Id: Guid; Name?: string; AccountId?: Guid | null } | null;
}
export interface CrFile {
  Id: Guid;
  CaseId?: Guid;
  Name?: string;
  Size?: number;
  CreatedOn?: string;
  CreatedById?: Guid;
  CreatedBy?: { Id: Guid; Name?: string } | null;
}

/** The Case object's schema UId: a feed message of a case names it in `EntitySchemaUId`. */
export const CASE_SCHEMA_UID = '117d32f9-8275-4534-8411-1c66115ce9cd';
/** CaseFile.TypeId of an uploaded file (the FileType lookup's "File"; the other is "Link"). */
export const FILE_TYPE_FILE = '529bc2f8-0ee0-df11-971b-001d60e938c6';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isGuid = (s: string) => GUID.test(s);
/** An OData 4 string literal: single quotes doubled. */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface Query {
  filter?: string;
  select?: string[];
  expand?: string;
  orderby?: string;
  top?: number;
  skip?: number;
  count?: boolean;
}

const PAGE = 100;

export class CreatioApi {
  constructor(
    readonly http: VendorHttp,
    private readonly session: CreatioSession,
  ) {}

  private params(q: Query): Record<string, string | number | undefined> {
    return {
      $filter: q.filter,
      $select: q.select?.join(','),
      $expand: q.expand,
      $orderby: q.orderby,
      $top: q.top,
      $skip: q.skip,
      $count: q.count ? 'true' : undefined,
    };
  }

  /** One page of a collection, with `@odata.count` when asked. */
  async page<T>(collection: string, q: Query): Promise<{ value: T[]; count: number | null }> {
    await this.session.ensure();
    const r = await this.http.call<{ value?: T[]; '@odata.count'?: number }>('GET', `/0/odata/${collection}`, { query: this.params(q) });
    return { value: Array.isArray(r?.value) ? r.value : [], count: typeof r?.['@odata.count'] === 'number' ? r['@odata.count'] : null };
  }

  /** Every record of a query, page by page ($top/$skip), up to `max`. */
  async all<T>(collection: string, q: Query, max = 10_000): Promise<T[]> {
    const out: T[] = [];
    for (let skip = 0; out.length < max; skip += PAGE) {
      const { value } = await this.page<T>(collection, { ...q, top: Math.min(PAGE, max - out.length), skip });
      out.push(...value);
      if (value.length < PAGE) break;
    }
    return out;
  }

  /** One record by id; null when Creatio has none (404). */
  async get<T>(collection: string, id: Guid, q: Pick<Query, 'select' | 'expand'> = {}): Promise<T | null> {
    if (!isGuid(id)) return null;
    await this.session.ensure();
    try {
      return await this.http.call<T>('GET', `/0/odata/${collection}(${id})`, { query: this.params(q) });
    } catch (e) {
      if (e instanceof VendorError && e.status === 404) return null;
      throw e;
    }
  }

  async create<T>(collection: string, record: Record<string, unknown>): Promise<T> {
    await this.session.ensure();
    return this.refusals(() => this.http.call<T>('POST', `/0/odata/${collection}`, { json: record }));
  }

  async update(collection: string, id: Guid, changes: Record<string, unknown>): Promise<void> {
    await this.session.ensure();
    await this.refusals(() => this.http.call('PATCH', `/0/odata/${collection}(${id})`, { json: changes }));
  }

  async remove(collection: string, id: Guid): Promise<void> {
    await this.session.ensure();
    await this.refusals(() => this.http.call('DELETE', `/0/odata/${collection}(${id})`));
  }

  /** Writes a file record's binary `Data`; a file over Creatio's MaxFileSize stays a VendorError 413 for the caller. */
  async putData(collection: string, id: Guid, data: Uint8Array): Promise<void> {
    await this.session.ensure();
    await this.refusals(() => this.http.call('PUT', `/0/odata/${collection}(${id})/Data`, { bytes: { data, type: 'application/octet-stream' } }), [413]);
  }

  /**
   * A write Creatio refuses (400: a column an admin renamed or removed, a value of the wrong type)
   * is the operator's to fix: they get Creatio's `{ error: { message } }` in the log, the customer
   * the generic "refused" error without vendor text.
   */
  private async refusals<T>(write: () => Promise<T>, passOn: number[] = []): Promise<T> {
    try {
      return await write();
    } catch (e) {
      if (!(e instanceof VendorError) || passOn.includes(e.status)) throw e;
      this.http.log.error({ vendor: 'creatio', route: e.route, status: e.status, answer: e.body }, 'Creatio refused a write');
      throw new HttpError(502, 'server', 'The help desk refused the change. Please try again later.');
    }
  }

  /** A file record's binary `Data`; null when there is no such record. */
  async getData(collection: string, id: Guid): Promise<Buffer | null> {
    if (!isGuid(id)) return null;
    await this.session.ensure();
    try {
      return (await this.http.callBytes('GET', `/0/odata/${collection}(${id})/Data`)).data;
    } catch (e) {
      if (e instanceof VendorError && e.status === 404) return null;
      throw e;
    }
  }
}
