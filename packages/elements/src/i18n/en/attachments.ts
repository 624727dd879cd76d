import { plural } from './plural.js';

/** The file picker shared by the reply composer, the create form and the case's "Add files". */
export const attachments = {
  // Links to files (shared/attachment-link.ts: the case view's files, the conversation's messages).
  'attachment.size': '({size})',
  'attachment.unavailable': '{name} (not available)',
  'attach.pick': 'Attach files',
  'attach.pickAgain': 'Pick again',
  'attach.limits': 'Up to {max} per file.',
  'attach.limitCount': plural({ one: 'At most # file.', other: 'At most # files.' }),
  'attach.types': 'Allowed: {types}.',
  'attach.dropHint': 'You can also drop or paste files here.',
  'attach.dropHere': 'Drop files to attach them',
  'attach.list': 'Files to send',
  'attach.uploading': 'Uploading {name}',
  'attach.uploaded': 'Ready',
  'attach.cancelUpload': 'Cancel upload',
  'attach.remove': 'Remove',
  'attach.tooLarge': 'Too large: files can be at most {max}.',
  'attach.badType': 'This type of file is not allowed.',
  'attach.tooMany': plural({ one: 'Add at most # file at a time.', other: 'Add at most # files at a time.' }, 'max'),
  'attach.missing': 'Not sent yet: pick this file again to attach it.',
  'attach.backendChanged': 'Not sent: the connection to support changed. Try again to attach it.',
  'attach.announce.added': plural({ one: '# file added.', other: '# files added.' }),
  'attach.announce.refused': plural({ one: '# file can’t be attached.', other: '# files can’t be attached.' }),
};
