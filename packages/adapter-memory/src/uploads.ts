/** Storage for uploads (limits are checked first, by core's assertAttachmentAllowed). */
import { AdapterError } from '@case-portal/core';

/** Files up to this size are kept as data: URLs and survive a reload; bigger ones live for the session. */
export const PERSISTED_DATA_MAX = 200 * 1024;

/** Types a browser may render when the link is opened; everything else is served as a download. */
const RENDER_SAFE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/csv']);

/**
 * A URL for the file's bytes. An HTML or SVG file opened from a blob: or data: URL would run in
 * this page's origin, so anything not known to be safe to render is stored as a plain download.
 */
export async function storeFile(file: File, storedType: string): Promise<string> {
  const type = RENDER_SAFE.has(storedType) ? storedType : 'application/octet-stream';
  const blob = new Blob([file], { type });
  if (file.size > PERSISTED_DATA_MAX) return URL.createObjectURL(blob);
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new AdapterError('server', { cause: reader.error }));
    reader.readAsDataURL(blob);
  });
}
