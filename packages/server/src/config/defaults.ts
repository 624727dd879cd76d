import { demoSchema } from '@case-portal/adapter-memory';
import type { ServerConfig } from './types.js';

/** What a server runs with when its config file leaves a key out: the demo portal on a local SQLite file. */
export function defaultConfig(): ServerConfig {
  return {
    portal: structuredClone(demoSchema),
    scopes: {
      mine: { field: 'requester', eq: '$viewer.id' },
      account: { field: 'account', eq: '$viewer.account' },
      linked: { field: 'contact', eq: '$viewer.id' },
    },
    auth: { issuer: [], audience: [], hsKeys: [], jwks: null, maxLifetimeSeconds: 900, clockToleranceSeconds: 30 },
    database: 'sqlite:./data/cases.db',
    files: 'fs:./data/files',
    fileUrls: { secret: null, ttlSeconds: 3600 },
    corsOrigins: [],
    limits: { requestsPerMinute: 600, bodyBytes: 1024 * 1024, maxPageSize: 200 },
    pretendAgentMs: 0,
    listen: { host: '127.0.0.1', port: 8787 },
  };
}
