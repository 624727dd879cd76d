/** The files module's pure pieces: display names, the download header, URL signing. */
import { expect } from 'chai';
import { asciiFallback, contentDisposition } from '../src/files/content-disposition.js';
import { NAME_MAX, safeFileName } from '../src/files/safe-name.js';
import { DownloadUrls, unsignedUrl, withSignedUrls } from '../src/files/signed-urls.js';

describe('files: safe display names', () => {
  it('keeps the last path segment of a path in either separator', () => {
    expect(safeFileName('../../etc/passwd.txt')).to.equal('passwd.txt');
    expect(safeFileName('..\\..\\Windows\\win.ini')).to.equal('win.ini');
    expect(safeFileName('C:\\Users\\me\\Desktop\\report.pdf')).to.equal('report.pdf');
    expect(safeFileName('..')).to.equal('file');
  });

  it('drops control characters and the bidi controls that disguise an extension', () => {
    expect(safeFileName('invoice\u202Efdp.exe')).to.equal('invoicefdp.exe');
    expect(safeFileName('a\u0000b\u0007c\u001b[31m\u007f.txt')).to.equal('abc[31m.txt');
    expect(safeFileName('\u2066evil\u2069\u200E.pdf\uFEFF')).to.equal('evil.pdf');
    expect(safeFileName('line\nbreak\r\t.txt')).to.equal('linebreak.txt');
    // Joiners stay: emoji sequences and Persian words need them.
    expect(safeFileName('👩\u200D💻 notes.txt')).to.equal('👩\u200D💻 notes.txt');
  });

  it('replaces characters file systems refuse and removes leading dots and trailing dots and spaces', () => {
    expect(safeFileName('what?<now>|"x":*.txt')).to.equal('what__now___x___.txt');
    expect(safeFileName('.htaccess')).to.equal('file.htaccess');
    expect(safeFileName('...hidden.txt')).to.equal('hidden.txt');
    expect(safeFileName('report.pdf. . ')).to.equal('report.pdf');
    expect(safeFileName('  lots   of\u00a0space .txt')).to.equal('lots of space.txt');
    expect(safeFileName('CON.txt')).to.equal('_CON.txt');
  });

  it('cuts a long name to NAME_MAX code points and keeps the extension', () => {
    const long = safeFileName(`${'x'.repeat(300)}.docx`);
    expect([...long]).to.have.length(NAME_MAX);
    expect(long.endsWith('x.docx')).to.equal(true);
    const astral = safeFileName(`${'𝒳'.repeat(300)}.pdf`);
    expect([...astral]).to.have.length(NAME_MAX);
    expect(astral).to.match(/^(𝒳)+\.pdf$/u);
  });

  it('names an empty name "file", keeping an extension when there is one', () => {
    expect(safeFileName('')).to.equal('file');
    expect(safeFileName('   ')).to.equal('file');
    expect(safeFileName('\u202E\u0000')).to.equal('file');
    expect(safeFileName('.pdf')).to.equal('file.pdf');
  });
});

describe('files: Content-Disposition (RFC 6266)', () => {
  it('is always attachment, with an ASCII fallback and the exact name in UTF-8', () => {
    expect(contentDisposition('report.pdf')).to.equal(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(contentDisposition('Rechnung März (1).pdf')).to.equal(`attachment; filename="Rechnung Marz (1).pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%281%29.pdf`);
    expect(contentDisposition("it's 100%.txt")).to.equal(`attachment; filename="it's 100_.txt"; filename*=UTF-8''it%27s%20100%25.txt`);
  });

  it('never lets a quote, backslash or non-ASCII character into the quoted fallback', () => {
    expect(asciiFallback('a"b\\c.txt')).to.equal('a_b_c.txt');
    expect(asciiFallback('日本語.pdf')).to.equal('___.pdf');
    expect(asciiFallback('日本語')).to.equal('file');
  });
});

describe('files: signed download URLs', () => {
  const secret = new TextEncoder().encode('a-download-secret-of-at-least-32-bytes');
  let now = new Date('2026-03-01T10:00:00Z');
  const urls = new DownloadUrls(secret, 3600, () => now);
  const alex = { tenant: 'default', personId: 'p_alex' };
  const query = (url: string) => Object.fromEntries(new URL(url, 'http://x/').searchParams);

  it('signs tenant, person, id and an expiry rounded up to 5 minutes, relative to the API root', () => {
    const url = urls.url(alex, 'f_1');
    expect(url).to.match(/^attachments\/f_1\/content\?t=default&p=p_alex&exp=\d+&sig=[A-Za-z0-9_-]{43}$/);
    const exp = Number(query(url).exp);
    expect(exp % 300).to.equal(0);
    expect(exp * 1000 - now.getTime()).to.be.within(3600_000, 3900_000);
    expect(urls.verify('f_1', query(url))).to.deep.equal(alex);
  });

  it('refuses another id, person or tenant, a changed expiry or signature, and an expired URL', () => {
    const q = query(urls.url(alex, 'f_1'));
    expect(urls.verify('f_2', q)).to.equal(null);
    expect(urls.verify('f_1', { ...q, p: 'p_blair' })).to.equal(null);
    expect(urls.verify('f_1', { ...q, t: 'other' })).to.equal(null);
    expect(urls.verify('f_1', { ...q, exp: String(Number(q.exp) + 300) })).to.equal(null);
    const sig = q.sig!;
    expect(urls.verify('f_1', { ...q, sig: (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1) })).to.equal(null);
    expect(urls.verify('f_1', { ...q, sig: undefined })).to.equal(null);
    expect(urls.verify('f_1', { ...q, sig: [sig, sig] })).to.equal(null);
    const saved = now;
    now = new Date(Number(q.exp) * 1000);
    expect(urls.verify('f_1', q)).to.equal(null);
    now = saved;
  });

  it('signs every stored attachment URL in a response without changing the objects it was given', () => {
    const file = { id: 'f_1', name: 'a.pdf', size: 1, type: 'application/pdf', url: unsignedUrl('f_1') };
    const message = { id: 'm1', attachments: [file], body: 'see attachments/f_1/content' };
    const page = { items: [{ id: 'c1', attachments: [file], fields: { link: 'attachments/f_1/content' } }, { id: 'c2', attachments: [] }], messages: [message] };
    const before = JSON.stringify(page);
    const signed = withSignedUrls(page, (id) => `signed:${id}`);
    expect(JSON.stringify(page)).to.equal(before);
    expect(signed.items[0]!.attachments[0]!.url).to.equal('signed:f_1');
    expect(signed.messages[0]!.attachments[0]!.url).to.equal('signed:f_1');
    // Text that merely looks like a stored URL, and parts without one, are left alone (and shared).
    expect(signed.items[0]!.fields).to.equal(page.items[0]!.fields);
    expect(signed.messages[0]!.body).to.equal(message.body);
    expect(signed.items[1]).to.equal(page.items[1]);
    // An object whose url names another id is not ours.
    const odd = { id: 'f_2', url: unsignedUrl('f_1') };
    expect(withSignedUrls(odd, (id) => `signed:${id}`)).to.equal(odd);
    const schema = { limits: { allowedTypes: ['.pdf'] } };
    expect(withSignedUrls(schema, (id) => id)).to.equal(schema);
  });
});
