/** The editor's file inputs: picked files checked against the limits before a byte is sent. */
import { attachmentProblem, formatBytes, type Limits } from '@case-portal/core';
import type { Translate } from '../../shared/field-controls.js';
import type { WebFormScan } from './names.js';

export interface PickedFile {
  file: File;
  /** The entry key of the input it was picked in. */
  key: string;
}

/**
 * Every picked file against the schema's limits (size, type, count), before a byte is sent:
 * the files that may go, and one message per file input that holds a refused one.
 */
export function checkFiles(
  scan: WebFormScan,
  limits: Limits,
  t: Translate,
  locale: string,
): { accepted: PickedFile[]; errors: Record<string, string> } {
  const accepted: PickedFile[] = [];
  const errors: Record<string, string> = {};
  for (const entry of scan.entries.values()) {
    if (entry.kind !== 'file') continue;
    const messages: string[] = [];
    let tooMany = false;
    for (const input of entry.controls) {
      if (input.disabled) continue;
      for (const file of (input as HTMLInputElement).files ?? []) {
        const problem = attachmentProblem(file, limits);
        if (problem === 'too_large') {
          messages.push(t('create.webform.fileTooLarge', { name: file.name, max: formatBytes(limits.maxAttachmentBytes, locale) }));
        } else if (problem === 'unsupported_type') {
          messages.push(t('create.webform.fileType', { name: file.name }));
        } else if (limits.maxAttachmentsPerMessage > 0 && accepted.length >= limits.maxAttachmentsPerMessage) {
          tooMany = true;
        } else {
          accepted.push({ file, key: entry.key });
        }
      }
    }
    if (tooMany) messages.push(t('create.webform.tooManyFiles', { max: limits.maxAttachmentsPerMessage }));
    if (messages.length) errors[entry.key] = [...messages, t('create.webform.pickAgain')].join(' ');
  }
  return { accepted, errors };
}

/** Names of the files picked in the form: a draft keeps these so the customer can be asked to attach them again. */
export function pickedFileNames(scan: WebFormScan): string[] {
  const names: string[] = [];
  for (const entry of scan.entries.values()) {
    if (entry.kind !== 'file') continue;
    for (const input of entry.controls) for (const file of (input as HTMLInputElement).files ?? []) names.push(file.name);
  }
  return names;
}
