import { AdapterError, type Limits } from '@case-portal/core';

/** Does a file match one allowed-types entry: a MIME type, "type/*", or an extension (".pdf")? */
function matches(file: File, entry: string): boolean {
  const e = entry.trim().toLowerCase();
  if (!e) return false;
  if (e.startsWith('.')) return file.name.toLowerCase().endsWith(e);
  const type = file.type.toLowerCase();
  if (e.endsWith('/*')) return type.startsWith(e.slice(0, -1));
  return type === e;
}

/**
 * Refuses a file the schema's limits forbid, before a single byte is sent: uploading 200 MB to be
 * told "too large" wastes the customer's time and bandwidth. The server checks again (413/415).
 */
export function checkAttachment(file: File, limits: Limits): void {
  if (limits.maxAttachmentBytes > 0 && file.size > limits.maxAttachmentBytes) {
    throw new AdapterError('too_large');
  }
  if (limits.allowedTypes.length > 0 && !limits.allowedTypes.some((t) => matches(file, t))) {
    throw new AdapterError('unsupported_type');
  }
}
