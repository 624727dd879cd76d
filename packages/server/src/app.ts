import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { authenticator } from './auth/authenticate.js';
import { createTokenVerifier } from './auth/verify-token.js';
import type { ServerConfig } from './config/types.js';
import { checkResponses, type ResponseCheck } from './contract/check-responses.js';
import { loadContract } from './contract/openapi.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrations.js';
import { openEventHub, type EventHubOptions } from './events/sql-event-hub.js';
import { createFiles } from './files/files-module.js';
import { HttpError } from './http-error.js';
import { registerOps } from './ops/register.js';
import { caseRoutes } from './routes/case-routes.js';
import { participantRoutes } from './routes/participant-routes.js';
import { errorHandler } from './routes/error-handler.js';
import { eventRoutes, type EventRouteOptions } from './routes/event-routes.js';
import { CaseService } from './service/case-service.js';
import { IdempotencyStore } from './service/idempotency.js';
import { RateLimiter } from './service/rate-limit.js';
import { configForBackend, openBackend } from './connectors/open-backend.js';

/**
 * NUL is the one character PostgreSQL text cannot hold (SQLite can): refuse it everywhere, so the
 * same request gets the same answer on either database instead of a 500 on one of them.
 */
function refuseNul(value: unknown, status: 400 | 422, path = ''): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new HttpError(status, 'validation', 'Text may not contain NUL characters.', { [path || 'body']: 'Contains a NUL character.' });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) refuseNul(v, status, path ? `${path}.${k}` : k);
  }
}

/**
 * A download link is a capability for its lifetime (files/signed-urls.ts): the request log keeps
 * the path and drops the signature, so log readers cannot use the links they see.
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&]sig=)[^&#]*/g, '$1…');
}

function withRedactedUrls(logger: NonNullable<AppOptions['logger']>): AppOptions['logger'] | object {
  if (logger === false) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    serializers: {
      req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

export interface AppOptions {
  /** An open database to use instead of `config.database` (tests share one). */
  database?: Database;
  /** Fastify's logger: pino options (a level, a destination stream), or false. Default: info level, no request bodies. */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  now?: () => Date;
  /**
   * Check every JSON response against openapi.yaml: 'fail' turns a mismatch into a 500 naming it
   * (tests), 'log' only logs it, 'off' (default) skips the check.
   */
  checkResponses?: ResponseCheck;
  /** The event log's retention and the streams' timing (tests shorten them). */
  events?: EventHubOptions & EventRouteOptions;
  /** How often unclaimed uploads are swept after the sweep at start (default hourly; tests shorten it). */
  sweepEveryMs?: number;
}

/**
 * The case server as a Fastify instance, its database migrated: the REST contract of
 * packages/adapter-rest/openapi.yaml under the instance's root (mount it under a prefix with
 * `register`, or behind a proxy path). Closing the app closes the database.
 */
export async function buildApp(fileConfig: ServerConfig, options: AppOptions = {}): Promise<FastifyInstance> {
  // A connector's portal: what its vendor cannot do is switched off before anything reads the schema.
  const config = configForBackend(fileConfig);
  const database = options.database ?? openDatabase(config.database);
  await migrateToLatest(database.db);
  const schema = config.portal;
  const hub = await openEventHub(database, options.events);
  const files = createFiles(config, database, { now: options.now, sweepEveryMs: options.sweepEveryMs });
  const opened = await openBackend(config, { database, hub, attachments: files.claims });
  const store = opened.backend;
  const service = new CaseService(store, schema, options.now);
  const authenticate = authenticator(createTokenVerifier(config.auth), store, schema);
  const limiter = new RateLimiter(config.limits.requestsPerMinute);

  const app = Fastify({
    logger: withRedactedUrls(options.logger ?? { level: 'info' }),
    bodyLimit: config.limits.bodyBytes,
    trustProxy: config.trustProxy?.length ? config.trustProxy : false,
    // Unknown fields are refused (422 with a field error), not silently dropped: a typo must not vanish.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, allowUnionTypes: true } },
  });
  // Request bodies are validated by openapi.yaml's own schemas (routes/schemas.ts refers into these).
  app.addSchema(loadContract().definitions);
  checkResponses(app, options.checkResponses ?? 'off');
  app.setErrorHandler(errorHandler);
  opened.register(app);
  await app.register(cors, {
    // Only the host sites the config names; no origin list = same-origin only.
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    // @fastify/cors allows GET, HEAD and POST by default: a case update is a PATCH.
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    // Every call carries Authorization, so every URL needs a preflight: let the browser keep it a while.
    maxAge: 600,
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'if-none-match', 'last-event-id'],
    exposedHeaders: ['etag', 'location', 'retry-after'],
  });
  // Identity from the token alone, before the body is even read (no token: 401, whatever the body
  // holds); then the per-person rate limit. Unknown routes fall through to the one 404.
  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS' || req.routeOptions.config?.public || !req.routeOptions.url) return;
    const caller = req.caller ?? (await authenticate(req));
    limiter.check(`${caller.principal.tenant}/${caller.principal.personId}`);
  });
  app.addHook('preHandler', async (req) => {
    refuseNul(req.query, 400);
    refuseNul(req.body, 422);
  });
  const idempotency = new IdempotencyStore(database.db);
  caseRoutes(app, { service, idempotency, maxPageSize: config.limits.maxPageSize, signFor: files.signFor });
  participantRoutes(app, { service, idempotency });
  eventRoutes(app, { ...options.events, hub, service, signFor: files.signFor });
  await registerOps(app, { config, database, cases: service, idempotency, authenticate, now: options.now });
  await files.register(app, { backend: store, idempotency, limiter, authenticate });
  app.addHook('onClose', async () => {
    if (!options.database) await database.db.destroy();
  });
  return app;
}
