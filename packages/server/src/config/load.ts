import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultConfig } from './defaults.js';
import type { ServerConfig } from './types.js';

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
    if (deep && MERGED.has(k) && isObject(b)) {
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

/** Checks a schema cannot express: references between keys, and what sign-in needs to work at all. */
function semanticProblems(c: ServerConfig): string[] {
  const problems: string[] = [];
  const statuses = new Set(c.portal.statuses.map((s) => s.id));
  c.portal.closeStatuses.forEach((s, i) => {
    if (!statuses.has(s)) problems.push(`portal.closeStatuses[${i}]: no status "${s}"`);
  });
  if (c.portal.cancelStatus && !statuses.has(c.portal.cancelStatus)) problems.push(`portal.cancelStatus: no status "${c.portal.cancelStatus}"`);
  if (c.portal.reopenStatus && !statuses.has(c.portal.reopenStatus)) problems.push(`portal.reopenStatus: no status "${c.portal.reopenStatus}"`);
  if (c.auth.hsKeys.length === 0 && !c.auth.jwks) problems.push('auth: no keys (auth.hsKeys or auth.jwks): nobody could sign in');
  c.auth.hsKeys.forEach((k, i) => {
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
  if (problems.length === 0) problems.push(...semanticProblems(merged));
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
