import { STATUS_CATEGORIES, type StatusCategory } from '@case-portal/core';
import { num, obj, oneOf, optional, str, type Check } from '../../config/shape.js';

/**
 * `backend: { kind: "salesforce", … }` in the server's config file. The server signs in to
 * Salesforce as itself through a connected app: the OAuth 2.0 client credentials flow (clientId +
 * clientSecret; the app's "Run As" user acts) or the JWT bearer flow (clientId + username +
 * privateKey, the PEM of the certificate uploaded to the app). Secrets may be written `env:NAME`,
 * or left out and read from CASE_PORTAL_SALESFORCE_CLIENT_SECRET / CASE_PORTAL_SALESFORCE_PRIVATE_KEY.
 */
export interface SalesforceConfig {
  kind: 'salesforce';
  /** The org's My Domain URL (https://acme.my.salesforce.com): token endpoint and REST API both. */
  instanceUrl?: string;
  /** Or a login host (https://login.salesforce.com, https://test.salesforce.com): the token's `instance_url` is the API. */
  loginUrl?: string;
  /** REST API version, "v62.0" by default. */
  apiVersion?: string;
  auth: SalesforceAuthConfig;
  /** How the host site's customer is found among Contacts: their `email` claim, or `sub` in an external id field of Contact. */
  customerMatch: 'email' | { externalIdField: string };
  /** Case `Status` value → portal category, over the defaults read from CaseStatus (IsClosed → resolved, the default status → new, others → open). */
  statusMap?: Record<string, StatusCategory>;
  /** Portal custom field key → Case field API name (`Product__c`). Portal fields without one are not offered. */
  fields?: Record<string, string>;
  /** The thread: public CaseComments (default) or Chatter FeedItems of the case visible to all users. */
  thread?: 'CaseComment' | 'FeedItem';
  /** The portal's satisfaction rating, written to Case fields the admin made (switched off without them). */
  feedbackFields?: { rating: string; comment?: string };
  /** The changed-cases poll interval for live updates; 0 switches polling off. Default 30000. */
  pollIntervalMs?: number;
  /** One Salesforce request's time limit. Default 10000. */
  timeoutMs?: number;
  /** All retries of one Salesforce request together. Default 15000. */
  retryBudgetMs?: number;
  /** Most cases read for one list (newest first). Default 1000. */
  maxCases?: number;
  /** The largest file the portal sends to Salesforce, in bytes. Default 25 MB (under the REST API's 2 GB ContentVersion limit). */
  maxUploadBytes?: number;
}

export type SalesforceAuthConfig =
  | { flow: 'client-credentials'; clientId: string; clientSecret?: string }
  | { flow: 'jwt-bearer'; clientId: string; username: string; privateKey?: string };

export const ENV_CLIENT_SECRET = 'CASE_PORTAL_SALESFORCE_CLIENT_SECRET';
export const ENV_PRIVATE_KEY = 'CASE_PORTAL_SALESFORCE_PRIVATE_KEY';
export const DEFAULT_API_VERSION = 'v62.0';
export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** A field's API name: letters, digits and underscores, starting with a letter (custom ones end in __c). */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const apiName = str({ pattern: API_NAME, hint: 'a field API name like "Product__c"' });

const fieldNames: Check = (v, path, problems) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return void problems.push(`${path}: expected an object of portal field key → Case field API name`);
  for (const [k, name] of Object.entries(v)) apiName(name, `${path}.${k}`, problems);
};

const statusMapCheck: Check = (v, path, problems) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return void problems.push(`${path}: expected an object of Case Status value → portal category`);
  for (const [k, category] of Object.entries(v)) oneOf(STATUS_CATEGORIES, 'status category')(category, `${path}.${k}`, problems);
};

const authCheck: Check = (v, path, problems) => {
  const flow = (v as { flow?: unknown } | null)?.flow;
  if (flow === 'client-credentials') obj({ flow: str(), clientId: str({ nonEmpty: true }), clientSecret: optional(str({ nonEmpty: true })) })(v, path, problems);
  else if (flow === 'jwt-bearer') obj({ flow: str(), clientId: str({ nonEmpty: true }), username: str({ nonEmpty: true }), privateKey: optional(str({ nonEmpty: true })) })(v, path, problems);
  else oneOf(['client-credentials', 'jwt-bearer'], 'Salesforce OAuth flow')(flow, `${path}.flow`, problems);
};

const customerMatchCheck: Check = (v, path, problems) => {
  if (v === 'email') return;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return obj({ externalIdField: apiName })(v, path, problems);
  problems.push(`${path}: "email" or { "externalIdField": "Portal_Id__c" }, got ${JSON.stringify(v)}`);
};

const url = (hint: string) => str({ pattern: /^https?:\/\/[^/\s]+\/?$/, hint });

const shape = obj({
  kind: str(),
  instanceUrl: optional(url('a My Domain URL like https://acme.my.salesforce.com (no path)')),
  loginUrl: optional(url('a login URL like https://login.salesforce.com (no path)')),
  apiVersion: optional(str({ pattern: /^v\d{2,3}\.0$/, hint: 'an API version like "v62.0"' })),
  auth: authCheck,
  customerMatch: customerMatchCheck,
  statusMap: optional(statusMapCheck),
  fields: optional(fieldNames),
  thread: optional(oneOf(['CaseComment', 'FeedItem'], 'thread object')),
  feedbackFields: optional(obj({ rating: apiName, comment: optional(apiName) })),
  pollIntervalMs: optional(num({ min: 0, max: 3_600_000, integer: true })),
  timeoutMs: optional(num({ min: 100, max: 120_000, integer: true })),
  retryBudgetMs: optional(num({ min: 0, max: 300_000, integer: true })),
  maxCases: optional(num({ min: 1, max: 50_000, integer: true })),
  // The REST API takes ContentVersion blobs up to 2 GB in a multipart request.
  maxUploadBytes: optional(num({ min: 1, max: 2 * 1024 ** 3, integer: true })),
});

/** Every problem of `backend` at once; fills the secret from the environment when the file leaves it out. */
export function salesforceConfigProblems(c: SalesforceConfig, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  shape(c, 'backend', problems);
  if (problems.length) return problems;
  if (!c.instanceUrl === !c.loginUrl) problems.push('backend: exactly one of instanceUrl or loginUrl');
  const a = c.auth;
  if (a.flow === 'client-credentials' && !a.clientSecret) {
    if (env[ENV_CLIENT_SECRET]) a.clientSecret = env[ENV_CLIENT_SECRET];
    else problems.push(`backend.auth.clientSecret: required for the client credentials flow, in the file (env:NAME) or in ${ENV_CLIENT_SECRET}`);
  }
  if (a.flow === 'jwt-bearer') {
    if (!a.privateKey) {
      if (env[ENV_PRIVATE_KEY]) a.privateKey = env[ENV_PRIVATE_KEY];
      else problems.push(`backend.auth.privateKey: required for the JWT bearer flow (the PEM private key of the connected app's certificate), in the file (env:NAME) or in ${ENV_PRIVATE_KEY}`);
    }
    if (a.privateKey && !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(a.privateKey)) problems.push('backend.auth.privateKey: expected a PEM private key ("-----BEGIN PRIVATE KEY-----…")');
  }
  const mapped = Object.values(c.fields ?? {});
  const dup = mapped.find((n, i) => mapped.indexOf(n) !== i);
  if (dup) problems.push(`backend.fields: "${dup}" is mapped twice`);
  return problems;
}

/** Where the token endpoint is: the My Domain, or the login host. */
export function salesforceLoginUrl(c: SalesforceConfig): string {
  return (c.instanceUrl ?? c.loginUrl!).replace(/\/$/, '');
}

export function salesforceApiVersion(c: SalesforceConfig): string {
  return c.apiVersion ?? DEFAULT_API_VERSION;
}
