import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { linkifySegments, textWithLinks, trimUrl } from './text-with-links.js';

describe('textWithLinks', () => {
  it('keeps prose punctuation out of links and balanced parentheses in', () => {
    expect(trimUrl('https://example.com/a.')).to.equal('https://example.com/a');
    expect(trimUrl('https://en.wikipedia.org/wiki/Foo_(bar)')).to.equal('https://en.wikipedia.org/wiki/Foo_(bar)');
    expect(trimUrl('https://example.com/x),')).to.equal('https://example.com/x');
  });

  it('links only http, https and mailto, and keeps everything else as text', () => {
    const segments = linkifySegments('a javascript:alert(1) b data:text/html,<b>x</b> c https://ok.example/p?q=1');
    expect(segments.filter((s) => s.type === 'link')).to.deep.equal([
      { type: 'link', text: 'https://ok.example/p?q=1', href: 'https://ok.example/p?q=1' },
    ]);
    expect(linkifySegments('mailto: alone').some((s) => s.type === 'link')).to.equal(false);
  });

  it('keeps line breaks as text and never parses markup', async () => {
    // Rendered with Lit directly: open-wc's fixture waits for an animation frame, which a
    // background test tab may never get for a plain element.
    const el = document.createElement('p');
    render(textWithLinks('<b>bold?</b>\r\nline two\nhttp://x.example'), el);
    expect(el.querySelector('b')).to.equal(null);
    expect(el.textContent).to.equal('<b>bold?</b>\nline two\nhttp://x.example');
    const a = el.querySelector('a')!;
    expect(a.getAttribute('href')).to.equal('http://x.example');
    expect(a.getAttribute('rel')).to.contain('noopener');
  });

  it('gives text without links back as one string (one text node)', () => {
    expect(textWithLinks('line one\r\nline two')).to.equal('line one\nline two');
  });
});
