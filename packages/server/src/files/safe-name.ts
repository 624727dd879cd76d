/**
 * What a browser says a file is called is text from the customer's machine: a path
 * ("..\\..\\boot.ini", "C:\\Users\\me\\a.pdf"), control characters, bidi overrides that make
 * "invoice\u202Efdp.exe" read as "invoiceexe.pdf", hundreds of characters, or nothing. It is never
 * used on disk (blobs live under random keys); this turns it into a name that is safe to show and
 * to put in a download header, keeping the extension the type rule looked at.
 */

/** Longest display name, in code points (the extension included). */
export const NAME_MAX = 120;
/** Longest extension kept as one (".docx", ".numbers"); a longer "extension" is part of the name. */
const EXT_MAX = 16;

/**
 * Removed outright: C0/C1 controls and DEL, and the invisible formatting characters that change how
 * a name reads (bidi embeddings, overrides, isolates and marks, zero-width space, word joiner and
 * invisible operators, the BOM, line and paragraph separators). ZWJ and ZWNJ (U+200C/D) stay:
 * emoji sequences and Persian or Indic words need them.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;
/** Characters Windows refuses in names, and quotes, which headers and shells trip over. */
const RESERVED = /["*:<>?|]/g;
/** Device names Windows will not create a file under, whatever the extension. */
const DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function safeFileName(raw: string): string {
  // The last path segment, in either separator: "../../etc/passwd" is "passwd".
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/gu, ' ').trim().replace(/[. ]+$/, '');
  const dot = cleaned.lastIndexOf('.');
  const extLength = cleaned.length - dot - 1;
  const hasExt = dot >= 0 && extLength >= 1 && extLength <= EXT_MAX && !cleaned.slice(dot + 1).includes(' ');
  const ext = hasExt ? cleaned.slice(dot) : '';
  // No leading dots: ".htaccess" is no hidden file here, "..." no parent folder.
  let stem = (hasExt ? cleaned.slice(0, dot) : cleaned).replace(/^[. ]+/, '').trim();
  if (!stem) stem = 'file';
  if (DEVICE.test(stem.split('.')[0]!)) stem = `_${stem}`;
  const room = NAME_MAX - [...ext].length;
  const points = [...stem];
  if (points.length > room) stem = points.slice(0, room).join('').replace(/[. ]+$/, '') || 'file';
  return stem + ext;
}
