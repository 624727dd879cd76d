import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who a download URL was made for: the viewer whose response carried it. */
export interface SignedFor {
  tenant: string;
  personId: string;
}

/** Expiries are rounded up to this step, so responses built a moment apart carry the same URL. */
const EXP_STEP_SECONDS = 300;
const ID = /^[A-Za-z0-9_-]{1,100}$/;

/** How every unsigned URL starts: JSON text without it holds none (see `mayHoldUnsignedUrl`). */
const UNSIGNED_START = 'attachments/';
/** The `url` an attachment is stored with: unsigned, it downloads nothing. Responses sign it per viewer. */
export const unsignedUrl = (id: string) => `${UNSIGNED_START}${id}/content`;
const UNSIGNED = /^attachments\/([A-Za-z0-9_-]{1,100})\/content$/;

/**
 * Download links for one viewer. A link click sends no Authorization header, so the URL itself says
 * who may use it: an HMAC-SHA256 (the server's secret) over tenant, person, attachment id and expiry.
 * The download route then checks that this person may still read the file's case, so a link stops
 * working when access ends, at the latest at its expiry.
 */
export class DownloadUrls {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `attachments/<id>/content?t=…&p=…&exp=…&sig=…`, relative to the API root. */
  url(viewer: SignedFor, id: string): string {
    const earliest = Math.floor(this.now().getTime() / 1000) + this.ttlSeconds;
    const exp = Math.ceil(earliest / EXP_STEP_SECONDS) * EXP_STEP_SECONDS;
    const q = new URLSearchParams({ t: viewer.tenant, p: viewer.personId, exp: String(exp), sig: this.sign(viewer, id, exp) });
    return `${unsignedUrl(id)}?${q}`;
  }

  /** Who the URL was signed for, when its signature holds for this id and it has not expired; else null. */
  verify(id: string, query: Record<string, unknown>): SignedFor | null {
    const { t, p, exp, sig } = query;
    if (typeof t !== 'string' || typeof p !== 'string' || typeof exp !== 'string' || typeof sig !== 'string') return null;
    if (!ID.test(id) || !ID.test(t) || !ID.test(p) || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return null;
    const expected = Buffer.from(this.sign({ tenant: t, personId: p }, id, Number(exp)), 'base64url');
    if (!timingSafeEqual(expected, Buffer.from(sig, 'base64url'))) return null;
    if (Number(exp) * 1000 <= this.now().getTime()) return null;
    return { tenant: t, personId: p };
  }

  private sign(viewer: SignedFor, id: string, exp: number): string {
    // JSON keeps the fields apart: no choice of ids can make two different tuples sign alike.
    const text = JSON.stringify(['download-v1', viewer.tenant, viewer.personId, id, exp]);
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }
}

/**
 * `value` with every stored attachment URL (see `unsignedUrl`) replaced by one signed by `sign`,
 * wherever it sits (a case, a message, a page of them, a file list, an event). Copies what it
 * changes and shares the rest: the objects passed in may be shared by other viewers' responses
 * (a published event), so they are never changed in place. Returns `value` itself when nothing changed.
 */
export function withSignedUrls<T>(value: T, sign: (id: string) => string): T {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const signed = withSignedUrls(value[i] as unknown, sign);
      if (signed !== value[i]) (out ??= [...value])[i] = signed;
    }
    return (out ?? value) as T;
  }
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  const match = typeof record.url === 'string' ? UNSIGNED.exec(record.url) : null;
  if (match && match[1] === record.id) out = { ...record, url: sign(match[1]!) };
  for (const [key, item] of Object.entries(record)) {
    if (key === 'url' || !item || typeof item !== 'object') continue;
    const signed = withSignedUrls(item, sign);
    if (signed !== item) (out ??= { ...record })[key] = signed;
  }
  return (out ?? value) as T;
}

/**
 * Whether JSON text (a stored case) may hold an unsigned attachment URL, found on the text without
 * parsing it: an unsigned URL always contains "attachments/" (the store writes its JSON with
 * JSON.stringify, which never escapes "/" or an id's characters). Most cases have no files; only
 * texts for which this is true need parsing to be signed (routes/case-page.ts).
 */
export function mayHoldUnsignedUrl(json: string): boolean {
  return json.includes(UNSIGNED_START);
}
