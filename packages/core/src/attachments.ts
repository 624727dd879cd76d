import { AdapterError } from './errors.js';
import type { Limits } from './model.js';

/** What an attachment check needs of a file: a File fits, and so does its saved metadata. */
export interface FileLike {
  name: string;
  size: number;
  type: string;
}

/**
 * Extensions we know, each with the types browsers and operating systems report for it; the first
 * is the type a file with that extension is stored and served as. Several are there for one
 * platform's habit (Windows reports `.csv` as `application/vnd.ms-excel` and `.zip` as
 * `application/x-zip-compressed`). Kept here, beside the rule, so the client and the server share it
 * (and in one module: the bundle's `rules` chunk is this file and the policy).
 */
const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg image/pjpeg',
  jpeg: 'image/jpeg image/pjpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  heif: 'image/heif',
  bmp: 'image/bmp image/x-ms-bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  log: 'text/plain text/x-log',
  md: 'text/markdown text/x-markdown text/plain',
  csv: 'text/csv application/vnd.ms-excel text/x-csv application/csv text/plain',
  tsv: 'text/tab-separated-values text/plain',
  json: 'application/json',
  xml: 'application/xml text/xml',
  html: 'text/html',
  htm: 'text/html',
  rtf: 'application/rtf text/rtf',
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
  zip: 'application/zip application/x-zip-compressed application/x-zip',
  '7z': 'application/x-7z-compressed',
  gz: 'application/gzip application/x-gzip',
  tar: 'application/x-tar',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  mp3: 'audio/mpeg',
  wav: 'audio/wav audio/x-wav audio/wave',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
};

/** What a file whose type the allow-list cannot name is stored and served as: bytes, never rendered. */
export const UNKNOWN_FILE_TYPE = 'application/octet-stream';

/** "Report.PDF" → "pdf"; "" when the name has none (no dot, a dot-file like ".env", a trailing dot). */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** "Text/Plain; charset=UTF-8" → "text/plain". */
const bareType = (type: string) => type.split(';')[0]!.trim().toLowerCase();

/** Does an allow-list entry ("application/pdf", "image/*", ".pdf") admit this type or extension? */
function admits(rule: string, ext: string, type: string | undefined): boolean {
  if (rule.startsWith('.')) return rule === `.${ext}`;
  if (!type) return false;
  if (rule.endsWith('/*')) return type.startsWith(rule.slice(0, -1));
  return type === rule;
}

/**
 * The type a file is stored and served as when the allow-list accepts it, or null when it refuses.
 * One rule for the client and the server (`allowedTypes`: MIME types, "type/*" families or
 * extensions; empty = any file):
 * - the extension decides what the file is: the allow-list must admit the extension itself
 *   (".pdf") or the type the extension stands for ("application/pdf", "image/*");
 * - the browser's type must agree with the extension: one of the types reported for it, or none
 *   ("" or application/octet-stream, which browsers send when they do not know). `notes.txt` sent as
 *   `text/html` is refused, whatever the list says about either. For an extension only the list
 *   names (".dwg") there is nothing to agree with: any claim passes and none is believed;
 * - the answer is the extension's type (octet-stream for an extension only the list knows), never
 *   the browser's claim. A file without an extension is refused unless the list is empty.
 */
export function allowedFileType(name: string, claimedType: string, allowed: readonly string[]): string | null {
  const ext = fileExtension(name.trim());
  const known = EXTENSION_TYPES[ext]?.split(' ');
  const stored = known?.[0] ?? UNKNOWN_FILE_TYPE;
  if (allowed.length === 0) return stored;
  const claimed = bareType(claimedType);
  if (!ext) return null;
  const rules = allowed.map((a) => a.trim().toLowerCase()).filter(Boolean);
  if (!rules.some((rule) => admits(rule, ext, known?.[0]))) return null;
  const agrees = claimed === '' || claimed === UNKNOWN_FILE_TYPE || (known ? known.includes(claimed) : true);
  return agrees ? stored : null;
}

/** Does the allow-list accept the file (see `allowedFileType`)? */
export function isTypeAllowed(name: string, type: string, allowed: readonly string[]): boolean {
  return allowedFileType(name, type, allowed) !== null;
}

/** Why the schema's limits refuse this file, or null. One rule for every adapter, the UI and the server. */
export function attachmentProblem(file: FileLike, limits: Limits): 'too_large' | 'unsupported_type' | null {
  if (limits.maxAttachmentBytes > 0 && file.size > limits.maxAttachmentBytes) return 'too_large';
  if (!isTypeAllowed(file.name, file.type, limits.allowedTypes)) return 'unsupported_type';
  return null;
}

/**
 * Throws before a single byte is sent or read when the file breaks the limits: uploading 200 MB to
 * be told "too large" wastes the customer's time. Backends check again. Returns the type the file
 * is to be stored as (the allow-list's, see `allowedFileType`).
 */
export function assertAttachmentAllowed(file: FileLike, limits: Limits): string {
  const problem = attachmentProblem(file, limits);
  if (!problem) return allowedFileType(file.name, file.type, limits.allowedTypes)!;
  throw new AdapterError(problem, {
    backendMessage:
      problem === 'too_large'
        ? `${file.name} is ${file.size} bytes; the limit is ${limits.maxAttachmentBytes}.`
        : `${file.name} (${file.type || 'unknown type'}) is not an allowed type.`,
    fieldErrors: { file: problem === 'too_large' ? 'Too large.' : 'Type not allowed.' },
  });
}
