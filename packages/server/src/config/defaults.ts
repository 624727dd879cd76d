import { demoSchema } from '@case-portal/adapter-memory';
import type { ServerConfig } from './types.js';

/** Who reads what when a config names no scopes: their own cases, those they are a contact of, their account's. */
export const DEFAULT_SCOPES: ServerConfig['scopes'] = {
  mine: { field: 'requester', eq: '$viewer.id' },
  account: { field: 'account', eq: '$viewer.account' },
  linked: { field: 'contact', eq: '$viewer.id' },
};

/** What a server runs with when its config file leaves a key out: the demo portal on a local SQLite file. */
export function defaultConfig(): ServerConfig {
  return {
    portal: structuredClone(demoSchema),
    scopes: structuredClone(DEFAULT_SCOPES),
    auth: { issuer: [], audience: [], hsKeys: [], jwks: null, maxLifetimeSeconds: 900, clockToleranceSeconds: 30 },
    database: 'sqlite:./data/cases.db',
    files: 'fs:./data/files',
    fileUrls: { secret: null, ttlSeconds: 3600 },
    corsOrigins: [],
    trustProxy: [],
    limits: { requestsPerMinute: 600, bodyBytes: 1024 * 1024, maxPageSize: 200 },
    pretendAgentMs: 0,
    listen: { host: '127.0.0.1', port: 8787 },
    backend: null,
  };
}
