/**
 * Issue 13, defect 8: customer data must not make every viewer's browser fetch another site. A
 * resource-loading attribute (src, srcset, poster, data, background, …) filled from a placeholder
 * takes only this page's origin or an origin the editor lists; links (href) keep any http(s) URL.
 */
import { expect } from '@open-wc/testing';
import { compileTemplate, type TemplateOptions } from './index.js';

function tpl(markup: string): HTMLTemplateElement {
  const doc = new DOMParser().parseFromString(`<template>${markup}</template>`, 'text/html');
  return doc.querySelector('template')!;
}

function fill(markup: string, data: unknown, options: TemplateOptions = {}) {
  const blocked: { attribute: string; value: string; tag: string }[] = [];
  const compiled = compileTemplate(tpl(markup), {
    ...options,
    onBlockedResource: (attribute, value, tag) => blocked.push({ attribute, value, tag }),
  });
  const host = document.createElement('div');
  host.append(...compiled.create(data).nodes);
  return { host, blocked, compiled };
}

describe('compileTemplate: resource URLs from data', () => {
  it('leaves out an <img src> of another site filled from data, and says so', () => {
    const { host, blocked } = fill('<img src="{{subject}}" alt="">', { subject: 'https://example.com/pixel.png?c=1' });
    expect(host.querySelector('img')!.hasAttribute('src')).to.equal(false);
    expect(blocked).to.deep.equal([{ attribute: 'src', value: 'https://example.com/pixel.png?c=1', tag: 'img' }]);
  });

  for (const hostile of ['//example.com/x.png', 'https://example.com', ' HTTPS://example.com/x', 'http://[::1]:9/x', `${location.origin}.example.com/x`]) {
    it(`leaves out ${JSON.stringify(hostile)}`, () => {
      const { host } = fill('<img src="{{subject}}" alt="">', { subject: hostile });
      expect(host.querySelector('img')!.hasAttribute('src')).to.equal(false);
    });
  }

  it('keeps this page’s own URLs, relative or absolute, and the origins the editor lists', () => {
    const own = fill('<img src="{{subject}}" alt=""><img src="/files/{{id}}.png" alt="">', { subject: `${location.origin}/a.png`, id: 'c1' });
    expect([...own.host.querySelectorAll('img')].map((i) => i.getAttribute('src'))).to.deep.equal([`${location.origin}/a.png`, '/files/c1.png']);
    expect(own.blocked).to.deep.equal([]);
    const listed = fill('<img src="{{subject}}" alt="">', { subject: 'https://cdn.example/a.png' }, { resourceOrigins: ['https://cdn.example'] });
    expect(listed.host.querySelector('img')!.getAttribute('src')).to.equal('https://cdn.example/a.png');
    const lookalike = fill('<img src="{{subject}}" alt="">', { subject: 'https://cdn.example.evil.test/a.png' }, { resourceOrigins: ['https://cdn.example'] });
    expect(lookalike.host.querySelector('img')!.hasAttribute('src')).to.equal(false);
  });

  it('checks every resource attribute, srcset candidate by candidate', () => {
    const markup =
      '<case-media poster="{{a}}" data="{{a}}" background="{{a}}" srcset="{{b}}" icon="{{a}}"></case-media>';
    const { host, blocked } = fill(markup, { a: 'https://example.com/x', b: `/ok.png 1x, https://example.com/y.png 2x` });
    const el = host.querySelector('case-media')!;
    for (const name of ['poster', 'data', 'background', 'srcset', 'icon']) expect(el.hasAttribute(name), name).to.equal(false);
    expect(blocked.map((b) => b.attribute).sort()).to.deep.equal(['background', 'data', 'icon', 'poster', 'srcset']);
    const ok = fill('<case-media srcset="{{b}}"></case-media>', { b: '/a.png 1x, /b.png 2x' });
    expect(ok.host.querySelector('case-media')!.getAttribute('srcset')).to.equal('/a.png 1x, /b.png 2x');
  });

  it('keeps any http(s) link in href (navigation, not a request), and the editor’s own static src', () => {
    const { host, blocked } = fill('<a href="{{subject}}">x</a><img src="https://cdn.other.example/logo.png" alt="">', {
      subject: 'https://example.com/help',
    });
    expect(host.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/help');
    expect(host.querySelector('img')!.getAttribute('src')).to.equal('https://cdn.other.example/logo.png');
    expect(blocked).to.deep.equal([]);
  });

  it('a style attribute never survives (a url() in it would load)', () => {
    const { host, compiled } = fill('<p style="background:url({{subject}})">x</p>', { subject: 'https://example.com/x' });
    expect(host.querySelector('p')!.hasAttribute('style')).to.equal(false);
    expect(compiled.problems.map((p) => p.kind)).to.include('removed-attribute');
  });
});
