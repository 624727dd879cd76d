import type { PortalSchema } from '@case-portal/core';
import type { ZendeskConfig } from '../connectors/zendesk/config.js';
import type { SalesforceConfig } from '../connectors/salesforce/config.js';
import type { CreatioConfig } from '../connectors/creatio/config.js';

/**
 * A condition over case fields, for the portal admin's scopes ("my cases", "account cases").
 * Never SQL: the store translates it into Kysely conditions with every value bound as a
 * parameter, so a config file cannot reach the database directly (store/scope-expr.ts).
 * Values may be `$viewer.id` (our id of the signed-in person), `$viewer.account` (our id of their
 * account), `$viewer.sub` (the host site's id for them, the token's `sub`) or `$viewer.email`;
 * a variable the viewer lacks (no account, no email) matches nothing.
 */
export type ScopeExpr =
  | { all: ScopeExpr[] }
  | { any: ScopeExpr[] }
  /**
   * `field`: requester | account | contact (any linked person) | status | origin | priority |
   * category | service | fields.<key> (a custom field; on a multichoice field `eq` means "holds").
   */
  | { field: string; eq: string | number | boolean }
  | { field: string; in: (string | number)[] };

export interface HsKey {
  kid: string;
  /** At least 32 bytes. In a config file write `env:NAME` to read it from the environment. */
  secret: string;
}

export interface AuthConfig {
  issuer: string | string[];
  audience: string | string[];
  /** Shared secrets for HS256, chosen by the token's `kid`. */
  hsKeys: HsKey[];
  /** RS256 / ES256 public keys: a JWKS URL (cached, refreshed on an unknown kid) or a file path. */
  jwks: { url: string } | { file: string } | null;
  /** Tokens that live longer than this (exp − iat) are refused. Default 900 s. */
  maxLifetimeSeconds: number;
  clockToleranceSeconds: number;
}

export interface ServerConfig {
  /** What GET /schema answers (statuses, fields, close reasons, reopen rules, features, limits…). */
  portal: PortalSchema;
  /** The case views' scopes; defaults: mine = requester, account = account, linked = contact. */
  scopes: { mine: ScopeExpr; account: ScopeExpr; linked: ScopeExpr };
  auth: AuthConfig;
  /** `sqlite:./data/cases.db` (default) or `postgres://…`. */
  database: string;
  /** `fs:./data/files` (default) or `db` (blobs in the database: several processes share them). */
  files: string;
  /**
   * Attachment download links: signed with `secret` (at least 32 bytes; write `env:NAME`), valid for
   * `ttlSeconds` (rounded up to 5 minutes). Without a secret each process makes its own at start, so
   * several processes behind one address must share a configured one.
   */
  fileUrls?: { secret: string | null; ttlSeconds: number };
  /** Origins allowed by CORS; empty: same-origin only. */
  corsOrigins: string[];
  /**
   * Addresses or CIDR ranges of the reverse proxies in front (e.g. ["127.0.0.1"]): their
   * X-Forwarded-For / -Proto / -Host give the client's address and scheme (logs). Empty: none trusted.
   */
  trustProxy?: string[];
  limits: {
    /** Requests per person per minute (429 + Retry-After beyond). */
    requestsPerMinute: number;
    /** JSON body limit in bytes (uploads have `portal.limits.maxAttachmentBytes`). */
    bodyBytes: number;
    /** Largest `limit` a page may ask for. */
    maxPageSize: number;
  };
  /** Demo only: an agent answers every customer reply after this many ms; 0 = off. */
  pretendAgentMs: number;
  listen: { host: string; port: number };
  /**
   * Where the cases live: the server's own database (`{ kind: "sql" }`, the default) or a help desk
   * the company already runs, through a connector (`{ kind: "zendesk", … }`: connectors/zendesk/config.ts).
   */
  backend?: BackendConfig | null;
}

export type BackendConfig = { kind: 'sql' } | ZendeskConfig | SalesforceConfig | CreatioConfig;
