import { expect } from '@open-wc/testing';
import { allowedFileType, assertAttachmentAllowed, attachmentProblem, fileExtension, isTypeAllowed } from './attachments.js';
import { AdapterError } from './errors.js';
import type { Limits } from './model.js';

const limits: Limits = { maxAttachmentBytes: 1000, allowedTypes: ['application/pdf', 'image/*', '.log', '.txt'], maxAttachmentsPerMessage: 5, pageSize: 25 };
const file = (name: string, size: number, type: string) => ({ name, size, type });

describe('attachment limits', () => {
  it('reads the extension from the name, not from a dot-file or a trailing dot', () => {
    expect(fileExtension('Report.Final.PDF')).to.equal('pdf');
    expect(fileExtension('archive.tar.gz')).to.equal('gz');
    expect(fileExtension('.env')).to.equal('');
    expect(fileExtension('README')).to.equal('');
    expect(fileExtension('trailing.')).to.equal('');
  });

  it('accepts a file whose extension and type the allow-list admits, by type, family or extension', () => {
    expect(isTypeAllowed('a.pdf', 'application/pdf', limits.allowedTypes)).to.be.true;
    expect(isTypeAllowed('a.PNG', 'image/png', limits.allowedTypes)).to.be.true;
    expect(isTypeAllowed('SERVER.LOG', '', limits.allowedTypes)).to.be.true;
    expect(isTypeAllowed('notes.txt', 'text/plain; charset=UTF-8', limits.allowedTypes)).to.be.true;
    expect(isTypeAllowed('a.html', 'text/html', limits.allowedTypes)).to.be.false;
  });

  it('refuses a browser type that disagrees with the extension, whichever of the two is allowed', () => {
    // The old rule passed these on the extension (or the type) alone.
    expect(allowedFileType('notes.txt', 'text/html', limits.allowedTypes)).to.equal(null);
    expect(allowedFileType('photo.png', 'application/pdf', limits.allowedTypes)).to.equal(null);
    expect(allowedFileType('page.html', 'application/pdf', limits.allowedTypes)).to.equal(null);
    expect(allowedFileType('invoice.pdf', 'image/svg+xml', limits.allowedTypes)).to.equal(null);
  });

  it('refuses an extension the list does not admit, and a file without one', () => {
    expect(allowedFileType('drawing.svg', 'image/svg+xml', ['application/pdf', '.txt'])).to.equal(null);
    expect(allowedFileType('README', 'text/plain', ['text/plain'])).to.equal(null);
    expect(allowedFileType('.pdf', 'application/pdf', ['application/pdf'])).to.equal(null);
    // A type-only list cannot vouch for an extension we do not know.
    expect(allowedFileType('model.dwg', 'image/vnd.dwg', ['image/*'])).to.equal(null);
  });

  it('answers the type the allow-list implies, never the browser\'s claim', () => {
    expect(allowedFileType('server.log', '', limits.allowedTypes)).to.equal('text/plain');
    expect(allowedFileType('scan.JPG', 'image/pjpeg', limits.allowedTypes)).to.equal('image/jpeg');
    expect(allowedFileType('export.csv', 'application/vnd.ms-excel', ['.csv'])).to.equal('text/csv');
    expect(allowedFileType('a.pdf', 'application/octet-stream', limits.allowedTypes)).to.equal('application/pdf');
    // An extension only the list knows: any claim passes, none is believed.
    expect(allowedFileType('model.dwg', 'text/html', ['.dwg'])).to.equal('application/octet-stream');
  });

  it('with an empty list accepts any file, still typed by its extension', () => {
    expect(allowedFileType('a.html', 'text/html', [])).to.equal('text/html');
    expect(allowedFileType('notes.txt', 'text/html', [])).to.equal('text/plain');
    expect(allowedFileType('README', 'text/html', [])).to.equal('application/octet-stream');
  });

  it('refuses oversize files first, then disallowed types', () => {
    expect(attachmentProblem(file('a.pdf', 1000, 'application/pdf'), limits)).to.equal(null);
    expect(attachmentProblem(file('a.pdf', 1001, 'application/pdf'), limits)).to.equal('too_large');
    expect(attachmentProblem(file('a.svg', 10, 'image/svg+xml'), { ...limits, allowedTypes: ['application/pdf'] })).to.equal(
      'unsupported_type',
    );
    expect(attachmentProblem(file('notes.txt', 10, 'text/html'), limits)).to.equal('unsupported_type');
  });

  it('returns the stored type, or throws an AdapterError with the code and a backend message', () => {
    expect(assertAttachmentAllowed(file('notes.txt', 10, ''), limits)).to.equal('text/plain');
    try {
      assertAttachmentAllowed(file('big.pdf', 5000, 'application/pdf'), limits);
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).to.be.instanceOf(AdapterError);
      expect((e as AdapterError).code).to.equal('too_large');
      expect((e as AdapterError).backendMessage).to.contain('big.pdf');
    }
  });
});
