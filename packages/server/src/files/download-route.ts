import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller, RemoteFile } from '../backend/types.js';
import { notFound } from '../http-error.js';
import type { RateLimiter } from '../service/rate-limit.js';
import type { AttachmentStore } from './attachment-store.js';
import { contentDisposition } from './content-disposition.js';
import type { DownloadAccess } from './download-access.js';
import type { DownloadUrls, SignedFor } from './signed-urls.js';
import type { BlobStore } from './types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No bearer token is asked for (app.ts's onRequest): the download route checks a signed URL instead. */
    public?: boolean;
  }
}

export interface DownloadDeps {
  attachments: AttachmentStore;
  blobs: BlobStore;
  urls: DownloadUrls;
  access: DownloadAccess;
  limiter: RateLimiter;
  /** The app's bearer check, for a download that also carries a token. */
  authenticate: (req: FastifyRequest) => Promise<Caller>;
  /** A file the backend keeps at its vendor (a connector's), checked and fetched by the backend. */
  remote?: (who: SignedFor, id: string) => Promise<RemoteFile | null>;
}

/**
 * Types a browser would run if it ever rendered them. Downloads are `attachment` anyway; these go out
 * as plain bytes too, so not even a client that ignores Content-Disposition renders them.
 */
const ACTIVE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'image/svg+xml', 'text/xml', 'application/xml', 'text/javascript', 'application/javascript']);

/**
 * `GET /attachments/{id}/content?t&p&exp&sig`: the file's bytes, streamed from the blob store, for the
 * person the URL was signed for, while they may read its case. Every refusal (no such file, someone
 * else's, a case out of scope, a bad or expired signature) is the same 404.
 */
export function downloadRoute(app: FastifyInstance, deps: DownloadDeps): void {
  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/attachments/:id/content', { config: { public: true } }, async (req, reply) => {
    const { id } = req.params;
    const who = deps.urls.verify(id, req.query);
    if (!who) throw notFound();
    deps.limiter.check(`${who.tenant}/${who.personId}`);
    // A download that does carry a token (a script's fetch) must come from the person it was signed for.
    if (req.headers.authorization) {
      const { principal } = await deps.authenticate(req);
      if (principal.tenant !== who.tenant || principal.personId !== who.personId) throw notFound();
    }
    const file = await deps.attachments.find(who.tenant, id);
    // Not one of the server's own files: a connector's vendor may keep it (it checks the scope itself).
    const remote = file ? null : await deps.remote?.(who, id);
    if (!file && !remote) throw notFound();
    if (file && !(await deps.access.allows(file, who))) throw notFound();
    const meta = file ?? remote!;
    const bytes = file ? await deps.blobs.open(file.blob_key) : remote!.body;
    return reply
      .headers({
        'content-type': ACTIVE_TYPES.has(meta.type) ? 'application/octet-stream' : meta.type,
        'content-length': String(meta.size),
        'content-disposition': contentDisposition(meta.name),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      })
      .send(bytes);
  });
}
