import { aTimeout, expect, html } from '@open-wc/testing';
import { render } from 'lit';
import type { PortalSchema } from '../model.js';
import { casePathKnown, compileTemplate, formatTemplateValue, type TemplateOptions } from './index.js';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

/** An editor's <template>, parsed the way a page's parser would (inert: nothing loads or runs). */
function tpl(markup: string): HTMLTemplateElement {
  const doc = new DOMParser().parseFromString(`<template>${markup}</template>`, 'text/html');
  return doc.querySelector('template')!;
}

/** Renders once into a connected <div>, so hostile content would get its chance to run. */
function mount(markup: string, data: unknown, options?: TemplateOptions) {
  const compiled = compileTemplate(tpl(markup), options);
  const instance = compiled.create(data);
  const host = document.createElement('div');
  host.append(...instance.nodes);
  document.body.append(host);
  return { compiled, instance, host };
}

const kinds = (problems: readonly { kind: string }[]) => problems.map((p) => p.kind);

describe('compileTemplate', () => {
  let hosts: HTMLElement[] = [];
  const track = <T extends { host: HTMLElement }>(r: T) => (hosts.push(r.host), r);
  beforeEach(() => {
    delete window.__pwned;
  });
  afterEach(() => {
    hosts.forEach((h) => h.remove());
    hosts = [];
  });

  it('fills text and attribute values, whitespace tolerant, with dotted paths', () => {
    const { host, compiled } = track(
      mount(`<a href="/cases/{{id}}" title="{{ subject }}">{{number}}</a><span>{{  status.label  }}</span>`, {
        id: 'c1',
        number: '00012',
        subject: 'Printer',
        status: { label: 'Open' },
      }),
    );
    const a = host.querySelector('a')!;
    expect(a.getAttribute('href')).to.equal('/cases/c1');
    expect(a.title).to.equal('Printer');
    expect(a.textContent).to.equal('00012');
    expect(host.querySelector('span')!.textContent).to.equal('Open');
    expect(compiled.problems).to.deep.equal([]);
  });

  it('isolates each filled text (bdi): an LTR subject on an RTL page keeps its punctuation, unless the editor set dir', () => {
    const subject = 'Router X500 Pro: which log level do you need?';
    const { host } = track(
      mount(`<div dir="rtl"><p>رقم {{number}}: <strong>{{subject}}</strong></p></div><code dir="ltr">{{id}}</code>`, {
        number: '00012',
        subject,
        id: 'c1',
      }),
    );
    const isolated = [...host.querySelectorAll('p bdi')].map((b) => b.textContent);
    expect(isolated).to.deep.equal(['00012', subject]);
    expect(getComputedStyle(host.querySelector('strong bdi')!).direction).to.equal('ltr');
    expect(host.querySelector('strong')!.textContent).to.equal(subject);
    // The editor's own dir wins: no isolation added inside it.
    const code = host.querySelector('code')!;
    expect([code.childElementCount, code.textContent]).to.deep.equal([0, 'c1']);
  });

  it('fills several placeholders in one text node and in one attribute', () => {
    const { host } = track(
      mount(`<p class="status {{status.category}} p-{{priority}}">#{{number}} – {{subject}} ({{status.label}})</p>`, {
        number: '7',
        subject: 'Login',
        priority: 'high',
        status: { label: 'Pending', category: 'pending-agent' },
      }),
    );
    const p = host.querySelector('p')!;
    expect(p.className).to.equal('status pending-agent p-high');
    expect(p.textContent).to.equal('#7 – Login (Pending)');
  });

  it('renders a hostile value as text: no element appears and nothing runs', async () => {
    const subject = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const { host } = track(mount('<h2 title="{{subject}}">{{subject}}</h2>', { subject }));
    await aTimeout(100);
    expect(host.querySelector('h2')!.textContent).to.equal(subject);
    expect(host.querySelector('img, script')).to.equal(null);
    expect(window.__pwned).to.equal(undefined);
  });

  it('keeps a value with quotes inside its one attribute', () => {
    const title = '" onmouseover="window.__pwned=1" x="';
    const { host } = track(mount('<span title="{{t}}" class="a">x</span>', { t: title }));
    const span = host.querySelector('span')!;
    expect(span.getAttribute('title')).to.equal(title);
    expect(span.getAttributeNames().sort()).to.deep.equal(['class', 'title']);
  });

  it('leaves out a URL attribute whose data-driven value is unsafe, and says so to onUnsafeUrl', () => {
    const seen: string[] = [];
    const compiled = compileTemplate(tpl('<a href="{{url}}">link</a><img src="{{url}}" alt="">'), {
      onUnsafeUrl: (name, value) => seen.push(`${name}=${value}`),
    });
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x']) {
      const { nodes } = compiled.create({ url });
      const [a, img] = nodes as Element[];
      expect(a!.hasAttribute('href'), url).to.be.false;
      expect(img!.hasAttribute('src'), url).to.be.false;
    }
    expect(seen).to.have.length(10);
    expect(compiled.problems, 'data is not an editor problem').to.deep.equal([]);

    const instance = compiled.create({ url: 'javascript:alert(1)' });
    const a = instance.nodes[0] as HTMLAnchorElement;
    instance.update({ url: 'https://example.com/x' });
    expect(a.getAttribute('href')).to.equal('https://example.com/x');
    instance.update({ url: 'javascript:alert(1)' });
    expect(a.hasAttribute('href')).to.be.false;
    instance.update({ url: undefined });
    expect(a.hasAttribute('href')).to.be.false;
  });

  it('checks the whole URL, including the editor’s static part', () => {
    const { compiled, host } = track(
      mount('<a id="rel" href="/cases/{{id}}">a</a><a id="split" href="{{a}}{{b}}">b</a><a id="js" href="javascript:{{id}}">c</a>', {
        id: 'javascript:alert(1)',
        a: 'javascript',
        b: ':alert(1)',
      }),
    );
    expect(host.querySelector('#rel')!.getAttribute('href'), 'relative whatever follows').to.equal('/cases/javascript:alert(1)');
    expect(host.querySelector('#split')!.hasAttribute('href')).to.be.false;
    expect(host.querySelector('#js')!.hasAttribute('href')).to.be.false;
    expect(kinds(compiled.problems)).to.deep.equal(['unsafe-url']);
    expect(compiled.problems[0]!.message).to.contain('href').and.contain('javascript:{{id}}');
  });

  it('sanitizes the editor’s markup once, reporting every removal', async () => {
    const markup = `<div class="row" onclick="window.__pwned=1">
        <script>window.__pwned = 2</script>
        <img src="/x-missing.png" onerror="window.__pwned=3" alt="pic">
        <a id="js" href="javascript:window.__pwned=4">js</a>
        <p style="color:red">styled {{subject}}</p>
        <iframe src="data:text/html,<script>parent.__pwned=5</script>"></iframe>
        <svg><script>window.__pwned=6</script><a href="javascript:alert(1)"><text>t</text></a></svg>
        <math><mi>m</mi></math>
        <form action="javascript:alert(1)"><button formaction="javascript:alert(1)">Go</button></form>
        <object data="x.swf"></object><embed src="x.swf">
        <details open ontoggle="window.__pwned=7"><summary>s</summary></details>
        <style>* { display: none }</style>
        <template><img src=x onerror="window.__pwned=8"></template>
      </div>`;
    const { compiled, host } = track(mount(markup, { subject: 'Hi' }));
    await aTimeout(150);
    expect(window.__pwned).to.equal(undefined);
    expect(host.querySelector('script, iframe, svg, math, form, button, object, embed, style, template')).to.equal(null);
    expect(host.querySelector('[onclick], [onerror], [ontoggle], [style]')).to.equal(null);
    expect(host.querySelector('#js')!.hasAttribute('href')).to.be.false;
    expect(host.querySelector('img')!.getAttribute('alt')).to.equal('pic');
    expect(host.querySelector('p')!.textContent).to.equal('styled Hi');
    expect(host.textContent, 'an unwrapped element keeps its text').to.contain('Go');
    expect(host.querySelector('details')!.hasAttribute('open')).to.be.true;

    const details = compiled.problems.map((p) => `${p.kind} ${p.detail}`);
    for (const expected of [
      'removed-attribute <div onclick>',
      'removed-element <script>',
      'removed-attribute <img onerror>',
      'removed-attribute <p style>',
      'removed-element <iframe>',
      'removed-element <svg>',
      'removed-element <math>',
      'removed-element <form>',
      'removed-element <button>',
      'removed-element <object>',
      'removed-element <embed>',
      'removed-attribute <details ontoggle>',
      'removed-element <style>',
      'removed-element <template>',
    ]) {
      expect(details, expected).to.include(expected);
    }
    expect(details.some((d) => d.startsWith('unsafe-url <a href='))).to.be.true;
    for (const p of compiled.problems) expect(p.message).to.match(/^[A-Z].*[.]$/);
  });

  it('accepts a DocumentFragment and leaves the source as it was', async () => {
    const frag = tpl('<img src="/never-loaded.png" onerror="window.__pwned=1"><b>{{x}}</b>').content;
    const compiled = compileTemplate(frag);
    await aTimeout(100);
    expect(window.__pwned).to.equal(undefined);
    expect(frag.querySelector('img')!.hasAttribute('onerror')).to.be.true;
    expect(frag.querySelector('b')!.textContent).to.equal('{{x}}');
    expect(kinds(compiled.problems)).to.deep.equal(['removed-attribute']);
    expect((compiled.create({ x: 'y' }).nodes[1] as Element).textContent).to.equal('y');
  });

  it('forces rel="noopener noreferrer" on links with a target', () => {
    const { host } = track(
      mount('<a id="a" href="/x" target="_blank">a</a><a id="b" href="/x" target="{{t}}" rel="nofollow">b</a><a id="c" href="/x">c</a>', {
        t: 'help',
      }),
    );
    expect(host.querySelector('#a')!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(host.querySelector('#b')!.getAttribute('rel')).to.equal('nofollow noopener noreferrer');
    expect(host.querySelector('#c')!.hasAttribute('rel')).to.be.false;
  });

  it('allows case-* elements with any attribute but handlers and style, and slots', () => {
    const { host, compiled } = track(
      mount('<case-thread case-id="{{id}}" compact onfoo="x" style="x" href="javascript:x"></case-thread><slot name="extra"></slot>', {
        id: 'c9',
      }),
    );
    const el = host.querySelector('case-thread')!;
    expect(el.getAttributeNames().sort()).to.deep.equal(['case-id', 'compact']);
    expect(el.getAttribute('case-id')).to.equal('c9');
    expect(host.querySelector('slot')!.getAttribute('name')).to.equal('extra');
    expect(kinds(compiled.problems)).to.deep.equal(['removed-attribute', 'removed-attribute', 'unsafe-url']);
  });

  it('reports unknown and malformed placeholders, including prototype paths, and renders them empty', () => {
    const known = new Set(['subject', 'fields.contract_id']);
    const { compiled, host } = track(
      mount(
        '<p>[{{fieldz.x}}][{{__proto__.x}}][{{constructor}}][{{a.prototype}}][{{ a b }}][{{subject}}][{{fields.contract_id}}]</p>',
        { subject: 'S', fields: { contract_id: 'K-1' }, fieldz: { x: 'no' } },
        { isKnownPath: (p) => known.has(p) },
      ),
    );
    expect(host.querySelector('p')!.textContent).to.equal('[][][][][][S][K-1]');
    expect(compiled.problems.map((p) => p.message)).to.deep.equal([
      'Unknown placeholder "{{fieldz.x}}": it renders as empty text.',
      'Unknown placeholder "{{__proto__.x}}": it renders as empty text.',
      'Unknown placeholder "{{constructor}}": it renders as empty text.',
      'Unknown placeholder "{{a.prototype}}": it renders as empty text.',
      'Unknown placeholder "{{a b}}": it renders as empty text.',
    ]);
    expect(kinds(compiled.problems)).to.deep.equal(Array(5).fill('unknown-placeholder'));
  });

  it('treats prototype paths as unknown even with the default isKnownPath, and reads own properties only', () => {
    const { compiled, host } = track(mount('<p>[{{constructor.name}}][{{toString}}][{{a.length}}][{{list.length}}]</p>', { a: 'abc', list: [1, 2] }));
    expect(host.querySelector('p')!.textContent).to.equal('[][][][2]');
    expect(compiled.problems.map((p) => p.detail)).to.deep.equal(['constructor.name']);
  });

  it('applies caller filters with arguments, in a chain, and the built-in default', () => {
    const filters = {
      upper: (v: unknown) => String(v ?? '').toUpperCase(),
      wrap: (v: unknown, arg?: string) => `${arg ?? '('}${String(v)}${arg ?? ')'}`,
    };
    const { host, compiled } = track(
      mount(
        '<p>{{ s | upper }}|{{s|wrap:*}}|{{ s | upper | wrap: ~ }}|{{owner.name | default:Unassigned}}|{{n | default:none}}</p>',
        { s: 'ab', owner: null, n: 0 },
        { filters },
      ),
    );
    expect(host.querySelector('p')!.textContent).to.equal('AB|*ab*|~AB~|Unassigned|0');
    expect(compiled.problems).to.deep.equal([]);
  });

  it('default, first in a chain, formats the value as a plain placeholder would (labels, not raw keys)', () => {
    const format = (v: unknown, path: string) => (path === 'product' && v === 'cloud-console' ? 'Cloud Console' : formatTemplateValue(v));
    const { host } = track(mount('<p>{{product | default:No product}}|{{none | default:No product}}</p>', { product: 'cloud-console', none: '' }, { format }));
    expect(host.querySelector('p')!.textContent).to.equal('Cloud Console|No product');
  });

  it('reports an unknown filter and shows the value without it; never finds inherited names', () => {
    const { host, compiled } = track(mount('<p>{{updatedAt | datee}}/{{updatedAt | constructor}}</p>', { updatedAt: '2024-01-02' }, { filters: {} }));
    expect(host.querySelector('p')!.textContent).to.equal('2024-01-02/2024-01-02');
    expect(compiled.problems).to.deep.equal([
      { kind: 'unknown-filter', detail: 'datee', message: 'Unknown filter "datee" in "{{updatedAt | datee}}": the value is shown without it.' },
      {
        kind: 'unknown-filter',
        detail: 'constructor',
        message: 'Unknown filter "constructor" in "{{updatedAt | constructor}}": the value is shown without it.',
      },
    ]);
  });

  it('formats values without a filter, never as "[object Object]"', () => {
    expect(formatTemplateValue('x')).to.equal('x');
    expect(formatTemplateValue(42)).to.equal('42');
    expect(formatTemplateValue(false)).to.equal('false');
    expect(formatTemplateValue(['a', null, 'b'])).to.equal('a, b');
    expect(formatTemplateValue(null)).to.equal('');
    expect(formatTemplateValue(undefined)).to.equal('');
    expect(formatTemplateValue({ a: 1 })).to.equal('');
    const { host } = track(
      mount('<p>{{o}}|{{n}}</p>', { o: { a: 1 }, n: 3 }, { format: (v, path) => `${path}:${formatTemplateValue(v)}` }),
    );
    expect(host.querySelector('p')!.textContent).to.equal('o:|n:3');
  });

  it('update() writes only what changed and keeps every node', () => {
    const data = { id: '1', subject: 'A', status: { label: 'Open', category: 'open' } };
    const { instance, host } = track(mount('<div class="row {{status.category}}"><b>{{subject}}</b> <i>{{status.label}}</i> <a href="/c/{{id}}">x</a></div>', data));
    const before = [...host.querySelectorAll('*')];
    const textsBefore = [...host.querySelectorAll('b, i')].map((e) => e.firstChild);
    const observer = new MutationObserver(() => {});
    observer.observe(host, { subtree: true, attributes: true, characterData: true, childList: true });

    instance.update({ ...data, subject: 'B' });
    const records = observer.takeRecords();
    expect(records.map((r) => `${r.type}:${r.target.nodeName}`)).to.deep.equal(['characterData:#text']);
    expect(host.querySelector('b')!.textContent).to.equal('B');

    instance.update({ ...data, subject: 'B', status: { label: 'Closed', category: 'closed' } });
    expect(observer.takeRecords().map((r) => `${r.type}:${r.attributeName ?? r.target.nodeName}`)).to.deep.equal([
      'attributes:class',
      'characterData:#text',
    ]);
    instance.update({ ...data, subject: 'B', status: { label: 'Closed', category: 'closed' } });
    expect(observer.takeRecords(), 'same data, no writes').to.deep.equal([]);
    observer.disconnect();

    // ordered.members compares with ===: the very same nodes, not look-alikes.
    expect([...host.querySelectorAll('*')]).to.have.ordered.members(before);
    expect([...host.querySelectorAll('b, i')].map((e) => e.firstChild)).to.have.ordered.members(textsBefore);
    expect(host.querySelector('div')!.className).to.equal('row closed');
  });

  it('gives independent instances that leave the compiled template untouched', () => {
    const compiled = compileTemplate(tpl('<span>{{n}}</span>'));
    const a = compiled.create({ n: 1 });
    const b = compiled.create({ n: 2 });
    a.update({ n: 3 });
    expect((a.nodes[0] as Element).textContent).to.equal('3');
    expect((b.nodes[0] as Element).textContent).to.equal('2');
    expect(compiled.create({}).nodes.map((n) => n.textContent)).to.deep.equal(['']);
  });

  it('renders as a Lit child value and survives a re-render', async () => {
    const compiled = compileTemplate(tpl('\n  <strong>{{number}}</strong> {{subject}}\n'));
    const instance = compiled.create({ number: '1', subject: 'One' });
    const view = () => html`<ul><li>${instance.nodes}</li></ul>`;
    // Lit's render into a plain container: open-wc's fixture() waits for an animation frame,
    // which a background test tab may never get.
    const el = document.createElement('div');
    document.body.append(el);
    render(view(), el);
    const li = el.querySelector('li')!;
    const strong = li.querySelector('strong');
    instance.update({ number: '2', subject: 'Two' });
    render(view(), el);
    expect(li.textContent!.trim()).to.equal('2 Two');
    expect(li.querySelector('strong')).to.equal(strong);
    el.remove();
  });

  it('uses no HTML-parsing sink (works with Trusted Types enforced)', () => {
    const sinks: [object, string][] = [
      [Element.prototype, 'innerHTML'],
      [Element.prototype, 'outerHTML'],
      [Element.prototype, 'insertAdjacentHTML'],
      [Range.prototype, 'createContextualFragment'],
      [DOMParser.prototype, 'parseFromString'],
      [Document.prototype, 'write'],
    ];
    const template = tpl('<a href="{{u}}" title="{{t}}">{{t}}</a><case-x data-a="{{t}}"></case-x>');
    const saved = sinks.map(([proto, name]) => Object.getOwnPropertyDescriptor(proto, name)!);
    const trap = () => {
      throw new Error('HTML sink used');
    };
    sinks.forEach(([proto, name]) => Object.defineProperty(proto, name, { configurable: true, get: trap, set: trap }));
    try {
      const instance = compileTemplate(template).create({ u: '/x', t: '<b>' });
      instance.update({ u: 'javascript:x', t: '<i>' });
      expect((instance.nodes[0] as Element).textContent).to.equal('<i>');
    } finally {
      sinks.forEach(([proto, name], i) => Object.defineProperty(proto, name, saved[i]!));
    }
  });
});

describe('casePathKnown', () => {
  const schema: Pick<PortalSchema, 'fields'> = { fields: [{ key: 'contract_id', label: 'Contract', type: 'text' }] };

  it('knows the case record’s displayable paths and the schema’s fields', () => {
    for (const p of ['number', 'subject', 'status.label', 'status.category', 'owner.name', 'updatedAt', 'sla.resolution.dueAt', 'fields.contract_id']) {
      expect(casePathKnown(schema, p), p).to.be.true;
    }
    for (const p of ['status', 'owner', 'fields', 'fields.other', 'fields.contract_id.x', 'subjet', '__proto__', 'version']) {
      expect(casePathKnown(schema, p), p).to.be.false;
    }
  });

  it('plugs into compileTemplate as isKnownPath', () => {
    const compiled = compileTemplate(tpl('{{number}} {{fields.contract_id}} {{fields.nope}}'), { isKnownPath: (p) => casePathKnown(schema, p) });
    expect(compiled.problems.map((p) => p.detail)).to.deep.equal(['fields.nope']);
  });
});
