import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { allowedFileType, type PortalSchema } from '@case-portal/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callerOf } from '../auth/authenticate.js';
import { HttpError, validation } from '../http-error.js';
import type { Principal } from '../principal.js';
import type { IdempotencyStore, StoredResponse } from '../service/idempotency.js';
import type { AttachmentStore } from './attachment-store.js';
import { discardRest, withinLimit } from './byte-limit.js';
import { safeFileName } from './safe-name.js';
import type { BlobStore } from './types.js';

export interface UploadDeps {
  schema: PortalSchema;
  attachments: AttachmentStore;
  blobs: BlobStore;
  idempotency: IdempotencyStore;
}

/**
 * Uploads under one Idempotency-Key are told apart by their bytes, which arrive after the key is
 * taken: the key is claimed under this fixed request hash, and a replay is checked against the stored
 * upload's name and SHA-256 instead (see `replay`).
 */
const UPLOAD_REQUEST = 'POST /attachments (checked by content)';

const unsupported = (name: string, claimed: string) =>
  new HttpError(415, 'unsupported_type', `${name} (${claimed || 'no type'}) is not an allowed type.`, { file: 'Type not allowed.' });

/**
 * `POST /attachments`: one multipart file in the field `file`, streamed into the blob store and
 * never held whole. The type rule (core's `allowedFileType`) runs on the part's header, before a byte
 * of content is read; the size limit while the bytes arrive (413 at the first byte over, nothing
 * kept). Answers 201 with the `Attachment` (its `url` signed for the uploader on the way out).
 */
export function uploadRoute(app: FastifyInstance, deps: UploadDeps): void {
  app.post('/attachments', async (req, reply) => {
    try {
      return await receive(req, reply, deps);
    } catch (e) {
      // Refused before the body ended: let the client finish sending, so it reads the answer.
      discardRest(req.raw);
      throw e;
    }
  });
}

async function receive(req: FastifyRequest, reply: FastifyReply, deps: UploadDeps) {
  const { schema } = deps;
  const { principal, viewer } = callerOf(req);
  if (!schema.features.attachments || !viewer.permissions.includes('reply')) throw new HttpError(403, 'forbidden', 'Not allowed: feature-off.');
  const key = idempotencyKey(req);
  const max = schema.limits.maxAttachmentBytes > 0 ? schema.limits.maxAttachmentBytes : Number.POSITIVE_INFINITY;
  const part = await filePart(req, max);
  const name = safeFileName(part.filename ?? '');
  const type = allowedFileType(name, part.mimetype, schema.limits.allowedTypes);
  if (!type) throw unsupported(name, part.mimetype);

  if (key) {
    const earlier = await deps.idempotency.begin(principal, key, 'upload', UPLOAD_REQUEST);
    if (earlier) return send(reply.header('idempotent-replayed', 'true'), await replay(deps, principal, earlier, name, part.file, max));
  }
  let response: StoredResponse;
  try {
    const hash = createHash('sha256');
    const stored = await deps.blobs.put(Readable.from(hashing(part.file, hash), { objectMode: false }), max);
    try {
      const attachment = await deps.attachments.add(principal, { key: stored.key, name, type, size: stored.size }, hash.digest('hex'));
      response = { status: 201, body: attachment, headers: {} };
    } catch (e) {
      await deps.blobs.delete(stored.key);
      throw e;
    }
  } catch (e) {
    // Nothing was kept, so the key is free again: a retry runs (and is refused the same way).
    if (key) await deps.idempotency.abandon(principal, key);
    throw e;
  }
  if (key) await deps.idempotency.finish(principal, key, response);
  return send(reply, response);
}

function idempotencyKey(req: FastifyRequest): string | null {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !key) return null;
  if (key.length > 200) throw new HttpError(400, 'validation', 'Idempotency-Key is too long.');
  return key;
}

/** The request's file part, named `file`; everything else about the body is a clear 4xx. */
async function filePart(req: FastifyRequest, max: number): Promise<MultipartFile> {
  let part: MultipartFile | undefined;
  try {
    // One byte over the limit reaches the store, which refuses it; busboy drops the rest.
    part = await req.file({ limits: { fileSize: max + 1, files: 1, fields: 10, fieldSize: 1024, parts: 11, headerPairs: 20 }, throwFileSizeLimit: false });
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new HttpError(415, 'unsupported_type', 'Send the file as multipart/form-data, in the field "file".', { file: 'Required.' });
    }
    throw e;
  }
  if (!part || part.fieldname !== 'file') throw validation('The file goes in the multipart field "file".', { file: 'Required.' });
  return part;
}

async function* hashing(source: Readable, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  for await (const piece of source as AsyncIterable<Buffer>) {
    hash.update(piece);
    yield piece;
  }
}

/**
 * The same key again: answer the first upload when this is the same file (same name, same bytes),
 * so a retry after a lost answer never stores a second copy; a different file under the key is 422.
 */
async function replay(deps: UploadDeps, principal: Principal, earlier: StoredResponse, name: string, file: Readable, max: number): Promise<StoredResponse> {
  const hash = createHash('sha256');
  for await (const piece of withinLimit(file, max)) hash.update(piece);
  const id = (earlier.body as { id?: string } | null)?.id;
  const first = id ? await deps.attachments.find(principal.tenant, id) : undefined;
  if (!first || first.person_id !== principal.personId || first.name !== name || first.sha256 !== hash.digest('hex')) {
    throw validation('This Idempotency-Key was used for a different request.', { 'Idempotency-Key': 'Used for a different request.' });
  }
  return earlier;
}

function send(reply: FastifyReply, r: StoredResponse) {
  for (const [k, v] of Object.entries(r.headers)) reply.header(k, v);
  return reply.status(r.status).send(r.body);
}
