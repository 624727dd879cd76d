import { AdapterError } from './errors.js';
import type { Limits } from './model.js';

/** What an attachment check needs of a file: a File fits, and so does its saved metadata. */
export interface FileLike {
  name: string;
  size: number;
  type: string;
}

/** Does the file match the allow-list: MIME types ("application/pdf"), "image/*", or extensions (".pdf")? Empty = any. */
export function isTypeAllowed(name: string, type: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const lowerName = name.toLowerCase();
  const lowerType = type.toLowerCase();
  return allowed.some((entry) => {
    const rule = entry.trim().toLowerCase();
    if (!rule) return false;
    if (rule.startsWith('.')) return lowerName.endsWith(rule);
    if (rule.endsWith('/*')) return lowerType.startsWith(rule.slice(0, -1));
    return lowerType === rule;
  });
}

/** Why the schema's limits refuse this file, or null. One rule for every adapter and the UI. */
export function attachmentProblem(file: FileLike, limits: Limits): 'too_large' | 'unsupported_type' | null {
  if (limits.maxAttachmentBytes > 0 && file.size > limits.maxAttachmentBytes) return 'too_large';
  if (!isTypeAllowed(file.name, file.type, limits.allowedTypes)) return 'unsupported_type';
  return null;
}

/**
 * Throws before a single byte is sent or read when the file breaks the limits: uploading 200 MB to
 * be told "too large" wastes the customer's time. Backends check again.
 */
export function assertAttachmentAllowed(file: FileLike, limits: Limits): void {
  const problem = attachmentProblem(file, limits);
  if (!problem) return;
  throw new AdapterError(problem, {
    backendMessage:
      problem === 'too_large'
        ? `${file.name} is ${file.size} bytes; the limit is ${limits.maxAttachmentBytes}.`
        : `${file.name} (${file.type || 'unknown type'}) is not an allowed type.`,
    fieldErrors: { file: problem === 'too_large' ? 'Too large.' : 'Type not allowed.' },
  });
}
