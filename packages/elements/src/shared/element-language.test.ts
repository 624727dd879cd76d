/**
 * ElementLanguage alone, on a bare LitElement host: where the language and direction come from,
 * and when the host must show its loading line for the catalog (the elements' own tests cover it
 * through the UI: i18n/catalogs.test.ts, shared/language.test.ts).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { builtInCatalogs, createI18n, type I18n } from '../i18n/i18n.js';
import { defineHost, place, removePlaced } from '../testing/index.js';
import { ElementLanguage } from './element-language.js';

class LanguageHost extends LitElement {
  static override properties = { locale: {} };
  declare locale?: string;
  context?: I18n;
  readonly language = new ElementLanguage(this, () => this.context);
}
defineHost(LanguageHost);

/** A built-in language of this file's own whose catalog arrives when the test says so. */
function gatedLanguage(lang: string, words: Record<string, string>): () => void {
  let release!: () => void;
  const wait = new Promise<void>((r) => (release = r));
  builtInCatalogs[lang] = () => wait.then(() => ({ default: words }));
  return release;
}

describe('ElementLanguage (alone, on a bare LitElement)', () => {
  afterEach(removePlaced);

  it('takes its own locale (normalized), else the portal’s, else the closest lang around it, and sets dir', async () => {
    const section = place(document.createElement('section'));
    section.lang = 'ar';
    const host = new LanguageHost();
    section.append(host);
    await host.updateComplete;
    expect(host.language.i18n.locale).to.equal('ar');
    expect(host.getAttribute('dir')).to.equal('rtl');
    host.context = createI18n('fr');
    expect(host.language.i18n.locale, 'a portal’s language wins over the page’s').to.equal('fr');
    host.locale = 'de_CH';
    await host.updateComplete;
    expect(host.language.i18n.locale, 'its own wins over both, normalized').to.equal('de-CH');
    expect(host.getAttribute('dir')).to.equal('ltr');
  });

  it('follows a lang change around it', async () => {
    const section = place(document.createElement('section'));
    section.lang = 'es';
    const host = new LanguageHost();
    section.append(host);
    await host.updateComplete;
    section.lang = 'he';
    await waitUntil(() => host.language.i18n.locale === 'he' && host.getAttribute('dir') === 'rtl', 'the new language around was not taken');
  });

  it('waits for the catalog only before the first render in words; a later change keeps the content and versions the words', async () => {
    const releaseFirst = gatedLanguage('xa', { 'common.loading': 'xa…' });
    const releaseLater = gatedLanguage('xb', { 'common.loading': 'xb…' });
    try {
      const host = new LanguageHost();
      host.locale = 'xa';
      place(host);
      await host.updateComplete;
      expect(host.language.awaitingWords, 'the first catalog is on its way').to.equal(true);
      expect(host.language.wordsVersion).to.equal('xa|loading');
      releaseFirst();
      await waitUntil(() => !host.language.catalogLoading, 'the first catalog never came');
      await host.updateComplete;
      expect(host.language.awaitingWords).to.equal(false);
      expect(host.language.wordsVersion).to.equal('xa');

      host.locale = 'xb';
      await host.updateComplete;
      expect(host.language.catalogLoading).to.equal(true);
      expect(host.language.awaitingWords, 'shown in words once: no loading line for a change').to.equal(false);
      expect(host.language.wordsVersion).to.equal('xb|loading');
      releaseLater();
      await waitUntil(() => host.language.wordsVersion === 'xb', 'the new words never came');
      expect(host.language.i18n.t('common.loading')).to.equal('xb…');
    } finally {
      delete builtInCatalogs.xa;
      delete builtInCatalogs.xb;
    }
  });
});
