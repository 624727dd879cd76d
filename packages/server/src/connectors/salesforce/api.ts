import { validation } from '../../http-error.js';
import { busy, VendorError, VendorHttp, type VendorLog } from '../vendor-http.js';
import type { SalesforceAuth } from './auth.js';

/**
 * The Salesforce REST API as the connector uses it (REST API Developer Guide,
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/): "Query" (SOQL, with
 * `nextRecordsUrl` for the next batch), "sObject Rows" (get, update by PATCH, conditional with
 * If-Unmodified-Since), "sObject Basic Information" (create by POST), and "Insert or Update Blob
 * Data" (ContentVersion by a multipart request: JSON part `entity_content`, binary part
 * `VersionData`). Errors come as `[{ message, errorCode, fields }]`; 401 INVALID_SESSION_ID
 * signs in again once, 403 REQUEST_LIMIT_EXCEEDED is waited out like a 429.
 */
export interface SfRecord {
  attributes?: { type: string; url?: string };
  Id: string;
  [field: string]: unknown;
}

export interface SfError {
  message?: string;
  errorCode?: string;
  fields?: string[];
}

interface QueryPage<T> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

/** The first error of a Salesforce error body (an array of errors), if it is one. */
export function sfError(body: unknown): SfError | null {
  return Array.isArray(body) && body[0] && typeof body[0] === 'object' ? (body[0] as SfError) : null;
}

/** Salesforce's refusals of what a customer entered (a validation rule, a picklist value): shown to them as a field error. */
const CUSTOMER_ERRORS = new Set(['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'STRING_TOO_LONG']);

export class SalesforceApi {
  readonly http: VendorHttp;
  private readonly log: VendorLog;

  constructor(
    private readonly auth: SalesforceAuth,
    private readonly version: string,
    opts: { timeoutMs?: number; budgetMs?: number; log: VendorLog },
  ) {
    this.log = opts.log;
    this.http = new VendorHttp({
      vendor: 'salesforce',
      // Every path is absolute (the instance is known after sign-in); this base is never used.
      baseUrl: 'http://salesforce.invalid',
      headers: (): Record<string, string> => {
        const s = this.auth.peek();
        return s ? { authorization: `Bearer ${s.accessToken}` } : {};
      },
      timeoutMs: opts.timeoutMs,
      budgetMs: opts.budgetMs,
      log: opts.log,
      // 401 INVALID_SESSION_ID (the org's session timeout): sign in again, once per request.
      reauthenticate: async () => {
        await this.auth.refresh();
      },
      // 403 REQUEST_LIMIT_EXCEEDED: the org's API limit, waited out within the budget like a 429.
      isRateLimit: (status, body) => status === 403 && sfError(body)?.errorCode === 'REQUEST_LIMIT_EXCEEDED',
    });
  }

  /**
   * A Salesforce refusal the connector does not expect, as the customer and the operator see it: a
   * validation rule's or picklist's message as a 422 field error (the customer can fix it); anything
   * else (a field the config names that the org does not have, renamed or without permission:
   * INVALID_FIELD; a query the org refuses) as the generic busy error, with Salesforce's words in
   * the log for the operator.
   */
  private refused(e: unknown): never {
    if (!(e instanceof VendorError)) throw e;
    const err = sfError(e.body);
    if (err?.errorCode && CUSTOMER_ERRORS.has(err.errorCode)) {
      const field = err.fields?.[0] ?? 'body';
      throw validation(err.message ?? 'The help desk refused a value.', { [field]: err.message ?? 'Refused.' });
    }
    this.log.error({ vendor: 'salesforce', route: e.route, status: e.status, errorCode: err?.errorCode ?? null, answer: err?.message ?? e.body }, 'Salesforce refused a request of the connector; check the fields the config names');
    throw busy();
  }

  private async base(): Promise<string> {
    return `${(await this.auth.current()).instanceUrl}/services/data/${this.version}`;
  }

  /** Every record of a SOQL query, following `nextRecordsUrl`, up to `max`. */
  async query<T extends SfRecord>(soql: string, max = 10_000): Promise<T[]> {
    const base = await this.base();
    const out: T[] = [];
    let page = await this.http.call<QueryPage<T>>('GET', `${base}/query`, { query: { q: soql } }).catch((e: unknown) => this.refused(e));
    for (;;) {
      out.push(...(page.records ?? []));
      if (page.done || !page.nextRecordsUrl || out.length >= max) break;
      const instance = (await this.auth.current()).instanceUrl;
      page = await this.http.call<QueryPage<T>>('GET', `${instance}${page.nextRecordsUrl}`).catch((e: unknown) => this.refused(e));
    }
    return out.slice(0, max);
  }

  /** One record with these fields, or null when there is none (404 NOT_FOUND). */
  async get<T extends SfRecord>(sobject: string, id: string, fields: string[]): Promise<T | null> {
    try {
      return await this.http.call<T>('GET', `${await this.base()}/sobjects/${sobject}/${id}`, { query: { fields: fields.join(',') } });
    } catch (e) {
      if (e instanceof VendorError && e.status === 404) return null;
      return this.refused(e);
    }
  }

  async create(sobject: string, fields: Record<string, unknown>): Promise<string> {
    const r = await this.http.call<{ id: string; success: boolean }>('POST', `${await this.base()}/sobjects/${sobject}/`, { json: fields }).catch((e: unknown) => this.refused(e));
    return r.id;
  }

  /** false when the record changed after `unmodifiedSince` (412 with If-Unmodified-Since). */
  async update(sobject: string, id: string, fields: Record<string, unknown>, unmodifiedSince?: string): Promise<boolean> {
    const headers: Record<string, string> = unmodifiedSince ? { 'if-unmodified-since': new Date(unmodifiedSince).toUTCString() } : {};
    try {
      await this.http.call('PATCH', `${await this.base()}/sobjects/${sobject}/${id}`, { json: fields, headers });
      return true;
    } catch (e) {
      if (e instanceof VendorError && e.status === 412) return false;
      return this.refused(e);
    }
  }

  /**
   * Several writes as one transaction ("Composite" with allOrNone: one failure rolls all back).
   * Each subrequest's answer body by its referenceId; false when a conditional one failed (412:
   * the record changed meanwhile); Salesforce's refusal of any other as `refused` says.
   */
  async composite(subrequests: { method: 'POST' | 'PATCH'; sobject: string; id?: string; referenceId: string; body: Record<string, unknown>; unmodifiedSince?: string }[]): Promise<Map<string, unknown> | false> {
    // A later subrequest may name an earlier one's result as "@{referenceId.id}" (Composite's reference notation).
    const path = `/services/data/${this.version}`;
    const compositeRequest = subrequests.map((r) => ({
      method: r.method,
      url: r.id ? `${path}/sobjects/${r.sobject}/${r.id}` : `${path}/sobjects/${r.sobject}/`,
      referenceId: r.referenceId,
      body: r.body,
      ...(r.unmodifiedSince ? { httpHeaders: { 'If-Unmodified-Since': new Date(r.unmodifiedSince).toUTCString() } } : {}),
    }));
    const answer = await this.http.call<{ compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string }[] }>('POST', `${await this.base()}/composite`, { json: { allOrNone: true, compositeRequest } }).catch((e: unknown) => this.refused(e));
    const results = answer.compositeResponse ?? [];
    const failure = results.find((r) => r.httpStatusCode >= 400 && sfError(r.body)?.errorCode !== 'PROCESSING_HALTED');
    if (failure) {
      if (failure.httpStatusCode === 412) return false;
      return this.refused(new VendorError(failure.httpStatusCode, failure.body, `composite ${failure.referenceId}`));
    }
    return new Map(results.map((r) => [r.referenceId, r.body]));
  }

  /** Deletes a record (a ContentDocument deletes its versions and links with it). */
  async delete(sobject: string, id: string): Promise<void> {
    await this.http.call('DELETE', `${await this.base()}/sobjects/${sobject}/${id}`).catch((e: unknown) => this.refused(e));
  }

  /** A new ContentVersion (and so a new ContentDocument) from bytes, by a multipart request. */
  async createContentVersion(fields: Record<string, unknown>, file: { name: string; type: string; data: Uint8Array }): Promise<string> {
    const boundary = `case-portal-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const safeName = file.name.replace(/["\r\n\\]/g, '_');
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="entity_content"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(fields)}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="VersionData"; filename="${safeName}"\r\nContent-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const data = Buffer.concat([head, Buffer.from(file.data), tail]);
    const r = await this.http.call<{ id: string }>('POST', `${await this.base()}/sobjects/ContentVersion/`, { bytes: { data, type: `multipart/form-data; boundary="${boundary}"` } }).catch((e: unknown) => this.refused(e));
    return r.id;
  }

  /** A ContentVersion's bytes (`/sobjects/ContentVersion/{id}/VersionData`). */
  async versionData(id: string): Promise<{ data: Uint8Array; type: string }> {
    return this.http.callBytes('GET', `${await this.base()}/sobjects/ContentVersion/${id}/VersionData`).catch((e: unknown) => this.refused(e));
  }

  /** The names of an object's fields ("sObject Describe"). */
  async fieldNames(sobject: string): Promise<Set<string>> {
    const d = await this.http.call<{ fields?: { name: string }[] }>('GET', `${await this.base()}/sobjects/${sobject}/describe`).catch((e: unknown) => this.refused(e));
    return new Set((d.fields ?? []).map((f) => f.name));
  }
}
