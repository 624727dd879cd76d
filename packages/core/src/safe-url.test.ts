import { expect } from '@open-wc/testing';
import { safeUrl } from './safe-url.js';
import { safeDownloadUrl } from './safe-download-url.js';

describe('safeUrl', () => {
  it('keeps http, https, mailto and relative URLs', () => {
    for (const u of ['https://example.com/a?b#c', 'http://x.test', 'mailto:help@example.com', '/files/1', 'files/1', '?q=1', '#top']) {
      expect(safeUrl(u), u).to.equal(u);
    }
  });

  it('drops script and data schemes, however they are disguised', () => {
    for (const u of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'blob:https://x/1',
      'file:///etc/passwd',
    ]) {
      expect(safeUrl(u), JSON.stringify(u)).to.equal(null);
    }
  });

  it('drops what is not a string or is empty', () => {
    expect(safeUrl(undefined)).to.equal(null);
    expect(safeUrl(42)).to.equal(null);
    expect(safeUrl('   ')).to.equal(null);
  });
});

describe('safeDownloadUrl', () => {
  it('allows blob: and passive data: URLs for downloads', () => {
    expect(safeDownloadUrl('blob:http://localhost/abc')).to.equal('blob:http://localhost/abc');
    expect(safeDownloadUrl('data:application/pdf;base64,AAAA')).to.equal('data:application/pdf;base64,AAAA');
    expect(safeDownloadUrl('https://x.test/f.pdf')).to.equal('https://x.test/f.pdf');
  });

  it('drops active data: types and script schemes', () => {
    expect(safeDownloadUrl('data:text/html,<script>alert(1)</script>')).to.equal(null);
    expect(safeDownloadUrl('data:image/svg+xml;base64,AAAA')).to.equal(null);
    expect(safeDownloadUrl('javascript:alert(1)')).to.equal(null);
  });
});
