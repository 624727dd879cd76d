/**
 * Themes (issue 14): a light and a dark scheme from one set of tokens. The dark one follows the
 * visitor's system unless the host fixes it (`theme`, or `--case-color-scheme` on the page); brand
 * tokens (accent, density) reach the component ones; text passes WCAG 1.4.3 contrast in both schemes;
 * reduced motion stops transitions; Windows high contrast keeps what colour alone said.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../define/case-list.js';
import '../define/case-portal.js';
import type { CaseList } from '../case-list/case-list.js';
import { listSettled } from '../testing/index.js';

const NOW = new Date('2025-03-10T12:00:00Z');
const placed: Element[] = [];

async function list(parent: ParentNode = document.body, attrs: Record<string, string> = {}): Promise<CaseList> {
  const el = document.createElement('case-list') as CaseList;
  el.adapter = new MemoryAdapter({ storage: null, now: () => NOW });
  el.now = () => NOW;
  el.setAttribute('columns', 'number, subject, status, updatedAt');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  parent.append(el);
  if (parent === document.body) placed.push(el);
  await listSettled(el);
  return el;
}
function wrapper(style: string): HTMLElement {
  const div = document.createElement('div');
  div.setAttribute('style', style);
  document.body.append(div);
  placed.push(div);
  return div;
}

/** The colour a token gives, resolved where the element's own shadow content would use it. */
function resolved(el: Element, property: 'color' | 'background-color', value: string): string {
  const probe = document.createElement('span');
  probe.style.setProperty(property, value);
  el.shadowRoot!.append(probe);
  const out = getComputedStyle(probe).getPropertyValue(property);
  probe.remove();
  return out;
}
const text = (el: Element) => resolved(el, 'color', 'var(--_text)');

function rgb(color: string): [number, number, number] {
  const m = color.match(/^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/);
  // A see-through colour has no contrast of its own: the pair would be measured against black.
  if (!m || (m[4] !== undefined && Number(m[4]) < 1)) throw new Error(`not an opaque rgb colour: ${color}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
/** WCAG 2 relative luminance and contrast ratio. */
function luminance(color: string): number {
  const [r, g, b] = rgb(color).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Every text/background pair the elements draw, by token. */
const PAIRS: [string, string][] = [
  ['--_text', '--_surface'],
  ['--_text', '--_surface-alt'],
  ['--_muted', '--_surface'],
  ['--_muted', '--_surface-alt'],
  ['--_accent', '--_surface'],
  ['--_accent-text', '--_accent'],
  ['--_danger', '--_surface'],
  ['--_success', '--_surface'],
  ['--_warning', '--_surface'],
  ...['new', 'open', 'pending-agent', 'pending-customer', 'on-hold', 'resolved', 'closed', 'canceled', 'merged'].map(
    (c) => [`--_status-${c}-text`, `--_status-${c}`] as [string, string],
  ),
];

describe('themes', () => {
  afterEach(async () => {
    for (const el of placed.splice(0)) el.remove();
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await executeServerCommand('media-features', { features: [] });
  });

  it('is light by default and follows a visitor whose system is dark', async () => {
    const el = await list();
    expect(text(el)).to.equal('rgb(31, 35, 40)');
    // Light: the page's own background shows through.
    expect(getComputedStyle(el).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(text(el)).to.equal('rgb(230, 237, 243)');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(13, 17, 23)');
    const chip = el.shadowRoot!.querySelector('[part="status"]')!;
    expect(contrast(getComputedStyle(chip).color, getComputedStyle(chip).backgroundColor)).to.be.at.least(4.5);
  });

  it('theme="light" / "dark" fix the scheme whatever the system says, for a portal’s children too', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const light = await list(document.body, { theme: 'light' });
    expect(text(light)).to.equal('rgb(31, 35, 40)');
    await emulateMedia({ colorScheme: 'light' });
    const portal = document.createElement('case-portal');
    (portal as unknown as { adapter: MemoryAdapter }).adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    portal.setAttribute('theme', 'dark');
    document.body.append(portal);
    placed.push(portal);
    const inner = await new Promise<CaseList>((resolve) => {
      const find = () => {
        const l = portal.shadowRoot?.querySelector('case-list');
        if (l?.shadowRoot) resolve(l as CaseList);
        else setTimeout(find, 20);
      };
      find();
    });
    expect(text(inner)).to.equal('rgb(230, 237, 243)');
  });

  it('a site sets the scheme and its brand with tokens on any ancestor', async () => {
    const section = wrapper('--case-color-scheme: dark; --case-color-accent: rgb(180, 0, 90); --case-density: 0.8');
    const el = await list(section);
    expect(text(el)).to.equal('rgb(230, 237, 243)');
    // The focus ring follows the accent; gaps and control heights follow the density.
    expect(resolved(el, 'color', 'var(--_focus)')).to.equal('rgb(180, 0, 90)');
    const button = el.shadowRoot!.querySelector('button')!;
    expect(getComputedStyle(button).minHeight).to.equal(`${2.25 * 16 * 0.8}px`);
    // However compact, a control stays a 24 px target (WCAG 2.5.8).
    section.style.setProperty('--case-density', '0.4');
    expect(getComputedStyle(button).minHeight).to.equal('24px');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`field borders and the focus ring stand 3:1 against the surfaces they are drawn on (${scheme}, WCAG 1.4.11)`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const el = await list();
      const pairs: [string, string][] = [
        ['--_control-border', '--_surface'],
        ['--_focus', '--_surface'],
        ['--_focus', '--_surface-alt'],
      ];
      const failing = pairs
        .map(([fg, bg]) => ({ pair: `${fg} on ${bg}`, ratio: contrast(resolved(el, 'color', `var(${fg})`), resolved(el, 'background-color', `var(${bg})`)) }))
        .filter((p) => p.ratio < 3);
      expect(failing).to.deep.equal([]);
      const input = el.shadowRoot!.querySelector('input')!;
      expect(getComputedStyle(input).borderTopColor).to.equal(resolved(el, 'color', 'var(--_control-border)'));
    });

    it(`every text colour passes 4.5:1 on the background it is drawn on (${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const el = await list();
      const failing = PAIRS.map(([fg, bg]) => {
        const ratio = contrast(resolved(el, 'color', `var(${fg})`), resolved(el, 'background-color', `var(${bg})`));
        return { pair: `${fg} on ${bg}`, ratio: Math.round(ratio * 100) / 100 };
      }).filter((p) => p.ratio < 4.5);
      expect(failing).to.deep.equal([]);
    });
  }

  it('shows where keyboard focus is: a 2 px outline in the focus colour on each control Tab reaches (WCAG 2.4.7)', async () => {
    const el = await list();
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    placed.push(before);
    before.focus();
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      const focused = el.shadowRoot!.activeElement as HTMLElement | null;
      if (!focused) break;
      const style = getComputedStyle(focused);
      expect([style.outlineStyle, style.outlineWidth], `outline of ${focused.localName}`).to.deep.equal(['solid', '2px']);
      expect(style.outlineColor).to.equal(resolved(el, 'color', 'var(--_focus)'));
      seen.push(focused.localName);
    }
    expect(seen.length, 'Tab reached controls inside the list').to.be.greaterThan(1);
  });

  it('stops transitions for a visitor who asked for reduced motion', async () => {
    const el = await list();
    // A slow reload dims the rows with a short fade.
    el.shadowRoot!.querySelector('[part="results"]')!.setAttribute('data-slow', '');
    const row = el.shadowRoot!.querySelector('tbody tr[part~="row"]')!;
    expect(getComputedStyle(row).transitionDuration).to.equal('0.15s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(row).transitionDuration).to.equal('0s');
  });

  it('in Windows high contrast, status chips keep a border the system draws', async () => {
    const el = await list();
    const chip = el.shadowRoot!.querySelector('[part="status"]')!;
    expect(getComputedStyle(chip).borderTopStyle).to.equal('none');
    await executeServerCommand('media-features', { features: [{ name: 'forced-colors', value: 'active' }] });
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    expect(getComputedStyle(chip).borderTopStyle).to.equal('solid');
    expect(getComputedStyle(chip).borderTopWidth).to.equal('1px');
  });
});
