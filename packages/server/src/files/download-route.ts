import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller, FileContent } from '../backend/types.js';
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
  /**
   * A file the backend keeps itself (a connector's vendor), for an id the attachments table does not
   * hold: null when unknown or out of the person's scope. Absent for the SQL store.
   */
  backendFile?: (who: SignedFor, id: string) => Promise<FileContent | null>;
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
    if (!file) {
      // Not an upload of ours: a file the backend's vendor keeps, streamed through us after its own scope check.
      const held = deps.backendFile ? await deps.backendFile(who, id) : null;
      if (!held) throw notFound();
      return send(reply, held.body, held.name, held.type, held.size);
    }
    if (!(await deps.access.allows(file, who))) throw notFound();
    return send(reply, await deps.blobs.open(file.blob_key), file.name, file.type, Number(file.size));
  });
}

/** The bytes as a download, never as a page: attachment disposition, no sniffing, a sandbox, no active types. */
function send(reply: FastifyReply, bytes: Readable, name: string, type: string, size: number | null) {
  // A vendor's content type may carry parameters ("text/html; charset=utf-8"): judge the bare type.
  const bare = type.split(';')[0]!.trim().toLowerCase();
  return reply
    .headers({
      'content-type': ACTIVE_TYPES.has(bare) || !bare ? 'application/octet-stream' : type,
      ...(size === null ? {} : { 'content-length': String(size) }),
      'content-disposition': contentDisposition(name),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    })
    .send(bytes);
}
