/**
 * Issue 13, defect 9: holes in templates. A `case-*` element inside an editor's template may not
 * choose a backend or load code (`<case-portal api="https://other.example">` would send the
 * viewer's requests and token elsewhere), and a download link's data: URL of an active type is
 * refused however it is spelled.
 */
import { expect } from '@open-wc/testing';
import { safeDownloadUrl } from '../safe-download-url.js';
import { compileTemplate } from './index.js';

function tpl(markup: string): HTMLTemplateElement {
  const doc = new DOMParser().parseFromString(`<template>${markup}</template>`, 'text/html');
  return doc.querySelector('template')!;
}

describe('templates: case-* elements cannot pick a backend', () => {
  it('removes api, token-url, adapter and config from case-* elements, static or from data, and says so', () => {
    const compiled = compileTemplate(
      tpl(
        '<case-portal api="https://other.example/api" token-url="https://other.example/t" adapter="x" config="evil"></case-portal>' +
          '<case-thread api="{{subject}}" case-id="{{id}}" hide-composer></case-thread>' +
          '<case-list API="https://other.example" base-url="https://other.example" endpoint="https://x" data-api="kept"></case-list>',
      ),
    );
    const host = document.createElement('div');
    host.append(...compiled.create({ id: 'c1', subject: 'https://other.example/api' }).nodes);
    const portal = host.querySelector('case-portal')!;
    for (const name of ['api', 'token-url', 'adapter', 'config']) expect(portal.hasAttribute(name), name).to.equal(false);
    const thread = host.querySelector('case-thread')!;
    expect(thread.hasAttribute('api')).to.equal(false);
    expect(thread.getAttribute('case-id')).to.equal('c1');
    expect(thread.hasAttribute('hide-composer')).to.equal(true);
    const list = host.querySelector('case-list')!;
    expect([...list.attributes].map((a) => a.name)).to.deep.equal(['data-api']);
    expect(compiled.problems.map((p) => p.detail)).to.include.members(['<case-portal api>', '<case-thread api>', '<case-portal token-url>']);
    expect(compiled.problems.map((p) => p.message).join('\n')).to.contain('choose the backend');
    expect(compiled.problems.filter((p) => p.kind === 'removed-attribute').length).to.be.greaterThanOrEqual(7);
  });
});

describe('safeDownloadUrl: hostile data: URLs', () => {
  for (const hostile of [
    'data: text/html,<script>alert(1)</script>',
    'data:\ttext/html,<script>alert(1)</script>',
    'data:%20text/html,x',
    'data:text/html ;base64,PHNjcmlwdD4=',
    'DATA:TEXT/HTML,x',
    ' data:text/html,x',
    'data:text/html;charset=utf-8,x',
    'data:application/xhtml+xml,x',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'data:application/rss+xml,x',
    'data:text/xsl,x',
    'data:text/javascript,alert(1)',
    'data:application/x-javascript,alert(1)',
    'data:text/ecmascript,alert(1)',
    'data:multipart/x-mixed-replace,x',
    'data:text\\html,x',
    'data:text/html\u0000,x',
  ]) {
    it(`refuses ${JSON.stringify(hostile)}`, () => {
      expect(safeDownloadUrl(hostile)).to.equal(null);
    });
  }

  it('keeps passive types, with or without parameters', () => {
    for (const ok of ['data:application/pdf;base64,AAAA', 'data:text/plain,hello', 'data:,hello', 'data:image/png;base64,AAAA', 'data:text/csv;charset=utf-8,a,b']) {
      expect(safeDownloadUrl(ok), ok).to.equal(ok);
    }
  });
});
