import { num, obj, oneOf, optional, str, type Check } from '../../config/shape.js';

/**
 * `backend: { kind: "creatio", … }` in the server's config file. The credential is a Creatio user
 * (forms authentication: AuthService.svc/Login, then the `.ASPXAUTH` cookie and the `BPMCSRF`
 * header) or an OAuth 2.0 client of Creatio's Identity Service (client credentials grant). Secrets
 * may be written `env:NAME`, or left out and read from CASE_PORTAL_CREATIO_PASSWORD /
 * CASE_PORTAL_CREATIO_CLIENT_SECRET.
 * https://academy.creatio.com/docs/8.x/dev/development-on-creatio-platform/integrations-and-api/authentication/authentication-basics/references/authservice-svc
 */
export type CreatioAuth = { kind: 'forms'; userName: string; password?: string } | { kind: 'oauth'; identityUrl: string; clientId: string; clientSecret?: string };

export interface CreatioConfig {
  kind: 'creatio';
  /** The Creatio application's address, e.g. https://acme.creatio.com (the OData service is under /0/odata). */
  baseUrl: string;
  auth: CreatioAuth;
  /** How the host site's customer is found among Creatio's contacts: by `Email`, or by a contact column holding the token's `sub`. */
  customerMatch: 'email' | { field: string };
  /** Creatio case status name → portal status id, over the defaults derived from IsFinal / IsResolved / IsPaused. */
  statusMap?: Record<string, string>;
  /** Portal custom field key → Case column (text columns). Portal fields without one are not offered. */
  fields?: Record<string, string>;
  /** How often cases changed since the last poll are read (live updates); 0 switches polling off. Default 30000. */
  pollIntervalMs?: number;
  /** One vendor request's time limit. Default 10000. */
  timeoutMs?: number;
  /** All retries of one vendor request together. Default 15000. */
  retryBudgetMs?: number;
  /** Most cases read for one list (newest first). Default 1000. */
  maxCases?: number;
  /** The largest file sent to Creatio in bytes (Creatio's MaxFileSize system setting; 10 MB out of the box). */
  maxUploadBytes?: number;
}

export const ENV_PASSWORD = 'CASE_PORTAL_CREATIO_PASSWORD';
export const ENV_CLIENT_SECRET = 'CASE_PORTAL_CREATIO_CLIENT_SECRET';
/** Creatio's default MaxFileSize (10 MB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A Creatio column name as OData 4 spells it (letters, digits, underscore; custom ones start with Usr). */
const COLUMN = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;

const columnMap: Check = (v, path, problems) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return void problems.push(`${path}: expected an object of portal field key → Case column name`);
  for (const [k, col] of Object.entries(v)) str({ pattern: COLUMN, hint: 'a Case column name like "UsrSerialNumber"' })(col, `${path}.${k}`, problems);
};

const statusMapCheck: Check = (v, path, problems) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return void problems.push(`${path}: expected an object of Creatio status name → portal status id`);
  for (const [k, id] of Object.entries(v)) {
    if (!k.trim()) problems.push(`${path}: a Creatio status name may not be empty`);
    str({ nonEmpty: true })(id, `${path}.${k}`, problems);
  }
};

const authCheck: Check = (v, path, problems) => {
  const kind = (v as { kind?: unknown } | null)?.kind;
  if (kind === 'forms') {
    obj({ kind: str(), userName: str({ nonEmpty: true }), password: optional(str({ nonEmpty: true })) })(v, path, problems);
  } else if (kind === 'oauth') {
    obj({
      kind: str(),
      identityUrl: str({ pattern: /^https?:\/\/[^\s]+$/, hint: 'the Identity Service address, like https://acme-is.creatio.com' }),
      clientId: str({ nonEmpty: true }),
      clientSecret: optional(str({ nonEmpty: true })),
    })(v, path, problems);
  } else {
    problems.push(`${path}.kind: ${JSON.stringify(kind)} is not a Creatio sign-in (one of forms, oauth)`);
  }
};

const customerMatchCheck: Check = (v, path, problems) => {
  if (typeof v === 'string') return oneOf(['email'], 'customer match rule')(v, path, problems);
  obj({ field: str({ pattern: COLUMN, hint: 'a Contact column name like "UsrPortalUserId"' }) })(v, path, problems);
};

const shape = obj({
  kind: str(),
  baseUrl: str({ pattern: /^https?:\/\/[^\s?#]+$/, hint: 'the Creatio address, like https://acme.creatio.com' }),
  auth: authCheck,
  customerMatch: customerMatchCheck,
  statusMap: optional(statusMapCheck),
  fields: optional(columnMap),
  pollIntervalMs: optional(num({ min: 0, max: 3_600_000, integer: true })),
  timeoutMs: optional(num({ min: 100, max: 120_000, integer: true })),
  retryBudgetMs: optional(num({ min: 0, max: 300_000, integer: true })),
  maxCases: optional(num({ min: 1, max: 100_000, integer: true })),
  maxUploadBytes: optional(num({ min: 1, integer: true })),
});

/** Every problem of `backend` at once; fills the secret from the environment when the file leaves it out. */
export function creatioConfigProblems(c: CreatioConfig, statusIds: string[], env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  shape(c, 'backend', problems);
  if (problems.length) return problems;
  if (c.auth.kind === 'forms' && !c.auth.password) {
    if (env[ENV_PASSWORD]) c.auth.password = env[ENV_PASSWORD];
    else problems.push(`backend.auth.password: required, in the file (env:NAME) or in ${ENV_PASSWORD}`);
  }
  if (c.auth.kind === 'oauth' && !c.auth.clientSecret) {
    if (env[ENV_CLIENT_SECRET]) c.auth.clientSecret = env[ENV_CLIENT_SECRET];
    else problems.push(`backend.auth.clientSecret: required, in the file (env:NAME) or in ${ENV_CLIENT_SECRET}`);
  }
  for (const [name, id] of Object.entries(c.statusMap ?? {})) {
    if (!statusIds.includes(id)) problems.push(`backend.statusMap.${name}: "${id}" is not a status of the Creatio portal (${statusIds.join(', ')})`);
  }
  return problems;
}

export const creatioBaseUrl = (c: CreatioConfig) => c.baseUrl.replace(/\/+$/, '');
