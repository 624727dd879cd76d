import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultConfig } from './defaults.js';
import type { ServerConfig } from './types.js';
import { list, num, obj, str } from './shape.js';
import { portalProblems } from './validate-portal.js';
import { scopeProblems } from './validate-scopes.js';
import { backendProblems } from './validate-backend.js';

/** Every problem of a config file at once, each naming its key, so an admin fixes them in one go. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys whose value is merged key by key over the default; any other key replaces the default whole. */
const MERGED = new Set(['portal', 'auth', 'limits', 'listen', 'scopes', 'fileUrls']);
/** Keys of `portal` merged key by key over the default (a file switches one feature off without restating the others). */
const PORTAL_MERGED = new Set(['features', 'limits', 'reopen']);
/** Keys whose default is a list but that also take one string (a single issuer or audience). */
const STRING_OR_LIST = new Set(['auth.issuer', 'auth.audience']);

/**
 * `env:NAME` anywhere in the file reads the environment variable, so secrets stay out of the file.
 * A missing variable is a problem, never an empty secret.
 */
function resolveEnv(value: unknown, path: string, env: NodeJS.ProcessEnv, problems: string[]): unknown {
  if (typeof value === 'string' && value.startsWith('env:')) {
    const name = value.slice(4);
    const v = env[name];
    if (v === undefined || v === '') problems.push(`${path}: environment variable ${name} is not set`);
    return v ?? '';
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnv(v, `${path}[${i}]`, env, problems));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnv(v, path ? `${path}.${k}` : k, env, problems)]));
  return value;
}

function mergeOver(base: Json, over: Json, path: string, problems: string[], deep: boolean): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const at = path ? `${path}.${k}` : k;
    if (!(k in base)) {
      problems.push(`${at}: unknown key (known: ${Object.keys(base).join(', ')})`);
      continue;
    }
    const b = base[k];
    if (at === 'portal' && isObject(b) && isObject(v)) {
      // Types inside the portal are checked deeply by portalProblems, with the exact key.
      out[k] = mergePortal(b, v, problems);
    } else if (deep && MERGED.has(k) && isObject(b)) {
      if (!isObject(v)) problems.push(`${at}: expected an object`);
      else out[k] = mergeOver(b, v, at, problems, false);
    } else if (STRING_OR_LIST.has(at) && (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) {
      out[k] = v;
    } else if (b !== null && (typeof b !== typeof v || Array.isArray(b) !== Array.isArray(v))) {
      problems.push(`${at}: expected ${Array.isArray(b) ? 'a list' : `a ${typeof b}`}, got ${JSON.stringify(v)}`);
    } else {
      out[k] = v;
    }
  }
  return out;
}

function mergePortal(base: Json, over: Json, problems: string[]): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = base[k];
    if (!(k in base)) problems.push(`portal.${k}: unknown key (known: ${Object.keys(base).join(', ')})`);
    else out[k] = PORTAL_MERGED.has(k) && isObject(b) && isObject(v) ? { ...b, ...v } : v;
  }
  // The default translations are the demo portal's words: a file with its own statuses, fields or
  // options brings its own translations (or none), never half of the demo's.
  if (!('translations' in over) && LABELLED.some((k) => k in over)) delete out['translations'];
  return out;
}

/** Portal keys whose labels `translations` translates. */
const LABELLED = ['statuses', 'stages', 'origins', 'priorities', 'categories', 'services', 'closeReasons', 'fields'];

/** Checks a schema cannot express: references between keys, and what sign-in needs to work at all. */
function semanticProblems(c: ServerConfig): string[] {
  const problems = portalProblems(c.portal);
  // Scopes name statuses and fields of the portal: only worth checking against a sound portal.
  if (problems.length === 0) problems.push(...scopeProblems(c.scopes, c.portal));
  const keyProblems: string[] = [];
  list(obj({ kid: str({ nonEmpty: true }), secret: str() }))(c.auth.hsKeys, 'auth.hsKeys', keyProblems);
  problems.push(...keyProblems);
  num({ min: 1, integer: true })(c.limits.requestsPerMinute, 'limits.requestsPerMinute', problems);
  num({ min: 1024, integer: true })(c.limits.bodyBytes, 'limits.bodyBytes', problems);
  num({ min: 1, max: 1000, integer: true })(c.limits.maxPageSize, 'limits.maxPageSize', problems);
  num({ min: 0, max: 86_400_000, integer: true })(c.pretendAgentMs, 'pretendAgentMs', problems);
  num({ min: 0, max: 65_535, integer: true })(c.listen.port, 'listen.port', problems);
  str({ nonEmpty: true })(c.listen.host, 'listen.host', problems);
  // An origin is scheme://host[:port], exactly as browsers send it: no path, no trailing slash.
  list(str({ pattern: /^[0-9a-fA-F.:]+(\/\d{1,3})?$/, hint: 'an IP address or CIDR range like 10.0.0.0/8' }))(c.trustProxy ?? [], 'trustProxy', problems);
  list(str({ pattern: /^https?:\/\/[^/\s]+$/, hint: 'an origin like https://www.example.com (no path, no trailing slash)' }))(c.corsOrigins, 'corsOrigins', problems);
  if (c.auth.hsKeys.length === 0 && !c.auth.jwks) problems.push('auth: no keys (auth.hsKeys or auth.jwks): nobody could sign in');
  if (keyProblems.length === 0) c.auth.hsKeys.forEach((k, i) => {
    if (new TextEncoder().encode(k.secret).length < 32) problems.push(`auth.hsKeys[${i}].secret: shorter than 32 bytes`);
  });
  for (const key of ['issuer', 'audience'] as const) {
    const v = c.auth[key];
    if (Array.isArray(v) ? v.length === 0 : !v) problems.push(`auth.${key}: required (the host site's tokens must name it)`);
  }
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(c.database)) problems.push(`database: expected "sqlite:<path>" or "postgres://…", got "${c.database}"`);
  if (!/^(fs:.+|db)$/.test(c.files)) problems.push(`files: expected "fs:<folder>" or "db", got "${c.files}"`);
  const urls = c.fileUrls;
  if (urls?.secret !== null && urls?.secret !== undefined && (typeof urls.secret !== 'string' || new TextEncoder().encode(urls.secret).length < 32)) {
    problems.push('fileUrls.secret: shorter than 32 bytes');
  }
  if (urls && !(Number.isInteger(urls.ttlSeconds) && urls.ttlSeconds >= 60 && urls.ttlSeconds <= 7 * 86_400)) {
    problems.push('fileUrls.ttlSeconds: a whole number of seconds from 60 to 604800 (7 days)');
  }
  return problems;
}

/** A complete ServerConfig from a parsed file (or object): the defaults with its keys over them. */
export function parseConfig(raw: unknown, source = 'config', env: NodeJS.ProcessEnv = process.env): ServerConfig {
  if (raw !== null && raw !== undefined && !isObject(raw)) throw new ConfigError(source, ['expected a mapping of keys at the top level']);
  const problems: string[] = [];
  const resolved = resolveEnv(raw ?? {}, '', env, problems) as Json;
  const merged = mergeOver(defaultConfig() as unknown as Json, resolved, '', problems, true) as unknown as ServerConfig;
  if (problems.length === 0) problems.push(...semanticProblems(merged), ...backendProblems(merged, env));
  if (problems.length) throw new ConfigError(source, problems);
  return merged;
}

/** Reads a YAML or JSON config file (YAML is a superset of JSON). */
export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [`cannot read the file: ${(e as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new ConfigError(path, [`not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`]);
  }
  return parseConfig(raw, path, env);
}
