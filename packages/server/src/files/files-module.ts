import { randomBytes } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Backend, Caller } from '../backend/types.js';
import type { ServerConfig } from '../config/types.js';
import type { Database } from '../db/database.js';
import type { IdempotencyStore } from '../service/idempotency.js';
import type { RateLimiter } from '../service/rate-limit.js';
import { AttachmentStore } from './attachment-store.js';
import { DownloadAccess } from './download-access.js';
import { downloadRoute } from './download-route.js';
import { openBlobStore } from './open-blob-store.js';
import { DownloadUrls, withSignedUrls, type SignedFor } from './signed-urls.js';
import { uploadRoute } from './upload-route.js';

export interface FilesOptions {
  now?: () => Date;
  /** How often the orphan sweep runs after the one at start. Default hourly. */
  sweepEveryMs?: number;
}

export interface FilesRouteDeps {
  backend: Backend;
  idempotency: IdempotencyStore;
  limiter: RateLimiter;
  authenticate: (req: FastifyRequest) => Promise<Caller>;
}

export const DEFAULT_URL_TTL_SECONDS = 3600;
const HOUR_MS = 3_600_000;

/**
 * Attachments on the case server, in two steps because the SQL store needs the claims before the
 * routes exist: `createFiles` opens the blob store (config `files`) and the `attachments` table, whose
 * `claims` go to the SqlStore; `register` adds the upload and download routes, the hook that signs
 * every attachment URL in a response for its viewer, and the orphan sweep (at start, then periodic).
 */
export function createFiles(config: ServerConfig, database: Database, options: FilesOptions = {}) {
  const now = options.now ?? (() => new Date());
  const blobs = openBlobStore(config.files, database.db, now);
  const attachments = new AttachmentStore(database.db, blobs, now);
  // Without a configured secret each process makes its own: its URLs work only on itself.
  const secret = config.fileUrls?.secret ? Buffer.from(config.fileUrls.secret, 'utf8') : randomBytes(32);
  const urls = new DownloadUrls(secret, config.fileUrls?.ttlSeconds ?? DEFAULT_URL_TTL_SECONDS, now);

  async function register(app: FastifyInstance, deps: FilesRouteDeps): Promise<void> {
    // Stored attachments carry an unsigned URL; each response gets URLs signed for its own viewer
    // (replays of an Idempotency-Key included). They expire, so no cache may keep them.
    app.addHook('preSerialization', async (req, reply, payload) => {
      const caller = req.caller;
      if (!caller) return payload;
      const signed = withSignedUrls(payload, (id) => urls.url(caller.principal, id));
      if (signed !== payload) reply.header('cache-control', 'private, no-store');
      return signed;
    });
    // Multipart parsing only where files arrive: the JSON routes keep refusing anything else.
    await app.register(async (scope) => {
      await scope.register(multipart);
      uploadRoute(scope, { schema: config.portal, attachments, blobs, idempotency: deps.idempotency });
      downloadRoute(scope, { attachments, blobs, urls, limiter: deps.limiter, authenticate: deps.authenticate, access: new DownloadAccess(database.db, deps.backend, config.portal), remote: deps.backend.openFile?.bind(deps.backend) });
    });

    let timer: NodeJS.Timeout | null = null;
    let sweeping = false;
    const sweep = async () => {
      if (sweeping) return;
      sweeping = true;
      try {
        const removed = await attachments.sweep();
        if (removed.uploads || removed.leftovers) app.log.info(removed, 'removed unclaimed uploads');
      } catch (err) {
        app.log.error({ err }, 'the upload sweep failed');
      } finally {
        sweeping = false;
      }
    };
    app.addHook('onReady', async () => {
      await sweep();
      timer = setInterval(() => void sweep(), options.sweepEveryMs ?? HOUR_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
    });
  }

  /** `value` with its attachment URLs signed for one viewer (for answers that skip preSerialization: the event stream, lists sent as stored text). */
  const signFor = <T>(viewer: SignedFor, value: T): T => withSignedUrls(value, (id) => urls.url(viewer, id));

  return { claims: attachments, urls, signFor, register };
}
