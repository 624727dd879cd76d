/** File checks and storage for uploads: limits first, bytes only after. */
import { AdapterError, type Limits } from '@case-portal/core';

/** Files up to this size are kept as data: URLs and survive a reload; bigger ones live for the session. */
export const PERSISTED_DATA_MAX = 200 * 1024;

/** Types a browser may render when the link is opened; everything else is served as a download. */
const RENDER_SAFE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/csv']);

/** MIME types ("image/png", "image/*") or extensions (".pdf"); an empty list allows any type. */
export function isTypeAllowed(name: string, type: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const lowerName = name.toLowerCase();
  const lowerType = type.toLowerCase();
  return allowed.some((a) => {
    const rule = a.toLowerCase();
    if (rule.startsWith('.')) return lowerName.endsWith(rule);
    if (rule.endsWith('/*')) return lowerType.startsWith(rule.slice(0, -1));
    return lowerType === rule;
  });
}

/** Throws before a single byte is read when the file breaks the schema's limits. */
export function checkFile(file: File, limits: Limits): void {
  if (file.size > limits.maxAttachmentBytes) {
    throw new AdapterError('too_large', {
      backendMessage: `${file.name} is ${file.size} bytes; the limit is ${limits.maxAttachmentBytes}.`,
      fieldErrors: { file: 'Too large.' },
    });
  }
  if (!isTypeAllowed(file.name, file.type, limits.allowedTypes)) {
    throw new AdapterError('unsupported_type', {
      backendMessage: `${file.name} (${file.type || 'unknown type'}) is not an allowed type.`,
      fieldErrors: { file: 'Type not allowed.' },
    });
  }
}

/**
 * A URL for the file's bytes. An HTML or SVG file opened from a blob: or data: URL would run in
 * this page's origin, so anything not known to be safe to render is stored as a plain download.
 */
export async function storeFile(file: File): Promise<string> {
  const type = RENDER_SAFE.has(file.type.toLowerCase()) ? file.type.toLowerCase() : 'application/octet-stream';
  const blob = new Blob([file], { type });
  if (file.size > PERSISTED_DATA_MAX) return URL.createObjectURL(blob);
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new AdapterError('server', { cause: reader.error }));
    reader.readAsDataURL(blob);
  });
}
