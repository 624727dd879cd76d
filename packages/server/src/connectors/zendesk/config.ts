import { bool, num, obj, oneOf, optional, str, type Check } from '../../config/shape.js';

/** Zendesk's ticket statuses (Tickets API, "status"): https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/ */
export const ZENDESK_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;

/**
 * `backend: { kind: "zendesk", … }` in the server's config file. The credential is an API token
 * (with the agent's `email`) or an OAuth access token; either may be written `env:NAME`, or left
 * out and read from CASE_PORTAL_ZENDESK_API_TOKEN / CASE_PORTAL_ZENDESK_OAUTH_TOKEN.
 */
export interface ZendeskConfig {
  kind: 'zendesk';
  /** `acme` for https://acme.zendesk.com; or `baseUrl`. */
  subdomain?: string;
  baseUrl?: string;
  /** The agent or admin whose API token this is (basic auth `email/token:apiToken`). */
  email?: string;
  apiToken?: string;
  /** An OAuth access token (scopes read write, and impersonate for feedback). */
  oauthToken?: string;
  /** How the host site's customer is found among Zendesk's end users: their `email` claim, or `sub` as the user's external_id. */
  customerMatch: 'email' | 'external_id';
  /** Create the end user on first sign-in when no one matches. Default true. */
  createUsers?: boolean;
  /** Zendesk status → portal status id, over the defaults (new→new, open→open, pending→pending, hold→hold, solved→solved, closed→closed). */
  statusMap?: Record<string, string>;
  /** Portal custom field key → Zendesk ticket field id. Portal fields without one are not offered. */
  fields?: Record<string, number>;
  /** The incremental export poll interval for live updates; 0 switches polling off. Default 30000. */
  pollIntervalMs?: number;
  /** One vendor request's time limit. Default 10000. */
  timeoutMs?: number;
  /** All retries of one vendor request together. Default 15000. */
  retryBudgetMs?: number;
  /** Most tickets read for one list (newest first). Default 1000. */
  maxTickets?: number;
  /** Zendesk's attachment size limit in bytes (50 MB on most plans). */
  maxUploadBytes?: number;
}

export const ENV_API_TOKEN = 'CASE_PORTAL_ZENDESK_API_TOKEN';
export const ENV_OAUTH_TOKEN = 'CASE_PORTAL_ZENDESK_OAUTH_TOKEN';

const fieldIds: Check = (v, path, problems) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return problems.push(`${path}: expected an object of portal field key → Zendesk ticket field id`) as unknown as void;
  for (const [k, id] of Object.entries(v)) num({ min: 1, integer: true })(id, `${path}.${k}`, problems);
};

const statusMapCheck: Check = (v, path, problems) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return problems.push(`${path}: expected an object of Zendesk status → portal status id`) as unknown as void;
  for (const [k, id] of Object.entries(v)) {
    oneOf(ZENDESK_STATUSES, 'Zendesk status')(k, `${path} key`, problems);
    str({ nonEmpty: true })(id, `${path}.${k}`, problems);
  }
};

const shape = obj({
  kind: str(),
  subdomain: optional(str({ pattern: /^[a-z0-9][a-z0-9-]*$/, hint: 'a Zendesk subdomain like "acme" (for acme.zendesk.com)' })),
  baseUrl: optional(str({ pattern: /^https?:\/\/[^/\s]+\/?$/, hint: 'a base URL like https://acme.zendesk.com (no path)' })),
  email: optional(str({ pattern: /^[^@\s]+@[^@\s]+$/, hint: 'an e-mail address' })),
  apiToken: optional(str({ nonEmpty: true })),
  oauthToken: optional(str({ nonEmpty: true })),
  customerMatch: oneOf(['email', 'external_id'], 'customer match rule'),
  createUsers: optional(bool()),
  statusMap: optional(statusMapCheck),
  fields: optional(fieldIds),
  pollIntervalMs: optional(num({ min: 0, max: 3_600_000, integer: true })),
  timeoutMs: optional(num({ min: 100, max: 120_000, integer: true })),
  retryBudgetMs: optional(num({ min: 0, max: 300_000, integer: true })),
  maxTickets: optional(num({ min: 1, max: 100_000, integer: true })),
  maxUploadBytes: optional(num({ min: 1, integer: true })),
});

/** Every problem of `backend` at once; fills the credential from the environment when the file leaves it out. */
export function zendeskConfigProblems(c: ZendeskConfig, statusIds: string[], env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  shape(c, 'backend', problems);
  if (problems.length) return problems;
  if (!c.subdomain === !c.baseUrl) problems.push('backend: exactly one of subdomain or baseUrl');
  if (!c.apiToken && !c.oauthToken) {
    if (env[ENV_API_TOKEN]) c.apiToken = env[ENV_API_TOKEN];
    else if (env[ENV_OAUTH_TOKEN]) c.oauthToken = env[ENV_OAUTH_TOKEN];
    else problems.push(`backend: a credential: apiToken (with email) or oauthToken, in the file (env:NAME) or in ${ENV_API_TOKEN} / ${ENV_OAUTH_TOKEN}`);
  }
  if (c.apiToken && c.oauthToken) problems.push('backend: apiToken or oauthToken, not both');
  if (c.apiToken && !c.email) problems.push('backend.email: required with apiToken (the agent the token belongs to)');
  for (const [z, id] of Object.entries(c.statusMap ?? {})) {
    if (!statusIds.includes(id)) problems.push(`backend.statusMap.${z}: "${id}" is not a status of the Zendesk portal (${statusIds.join(', ')})`);
  }
  return problems;
}

export function zendeskBaseUrl(c: ZendeskConfig): string {
  return c.baseUrl ? c.baseUrl.replace(/\/$/, '') : `https://${c.subdomain}.zendesk.com`;
}

export function zendeskAuthHeader(c: ZendeskConfig): string {
  return c.oauthToken ? `Bearer ${c.oauthToken}` : `Basic ${Buffer.from(`${c.email}/token:${c.apiToken}`).toString('base64')}`;
}
