import { expect } from '@open-wc/testing';
import type { PortalSchema } from './model.js';
import { baseSchema, localizeSchema, statusLabel } from './schema-translations.js';

const base = {
  statuses: [
    { id: 'open', label: 'Open', category: 'open' },
    { id: 'closed', label: 'Closed', category: 'closed' },
  ],
  stages: [{ id: 'working', label: 'In progress', categories: ['open'] }],
  origins: [{ value: 'phone', label: 'Phone' }],
  priorities: [{ value: 'high', label: 'High' }],
  categories: [{ value: 'billing', label: 'Billing' }],
  services: [{ value: 'std', label: 'Standard support', responseHours: 8 }],
  closeReasons: [{ value: 'solved', label: 'Solved' }],
  fields: [
    { key: 'product', label: 'Product', type: 'choice', options: [{ value: 'x', label: 'Router X' }, { value: 'app', label: 'Mobile app' }] },
    { key: 'serial', label: 'Serial number', type: 'text', help: 'Under the device.' },
  ],
  translations: {
    de: {
      statuses: { open: 'Offen', closed: 'Geschlossen' },
      stages: { working: 'In Bearbeitung' },
      origins: { phone: 'Telefon' },
      priorities: { high: 'Hoch' },
      services: { std: 'Standard-Support' },
      closeReasons: { solved: 'Gelöst' },
      fields: { product: { label: 'Produkt', options: { app: 'Mobile App' } }, serial: { label: 'Seriennummer', help: 'Unter dem Gerät.' } },
    },
    'de-CH': { statuses: { closed: 'Abgeschlossen' }, fields: { product: { options: { x: 'Router X (CH)' } } } },
    fr: { statuses: { open: '  ' } },
  },
} as unknown as PortalSchema;

describe('localizeSchema', () => {
  it('gives the language’s labels, keeping the base label where a translation has none', () => {
    const de = localizeSchema(base, 'de');
    expect(de.statuses.map((s) => s.label)).to.deep.equal(['Offen', 'Geschlossen']);
    expect(de.stages[0]!.label).to.equal('In Bearbeitung');
    expect(de.origins[0]!.label).to.equal('Telefon');
    expect(de.priorities[0]!.label).to.equal('Hoch');
    expect(de.categories[0]!.label).to.equal('Billing');
    expect(de.services[0]).to.deep.equal({ value: 'std', label: 'Standard-Support', responseHours: 8 });
    expect(de.closeReasons[0]!.label).to.equal('Gelöst');
    expect(de.fields[0]!.label).to.equal('Produkt');
    expect(de.fields[0]!.options!.map((o) => o.label)).to.deep.equal(['Router X', 'Mobile App']);
    expect(de.fields[1]).to.include({ label: 'Seriennummer', help: 'Unter dem Gerät.' });
    // Ids, categories and the rest of the schema are the backend's, untouched.
    expect(de.statuses.map((s) => [s.id, s.category])).to.deep.equal([['open', 'open'], ['closed', 'closed']]);
    expect(base.statuses[0]!.label).to.equal('Open');
  });

  it('takes a locale’s own words over its language’s, any case of letters', () => {
    const ch = localizeSchema(base, 'de-ch');
    expect(ch.statuses.map((s) => s.label)).to.deep.equal(['Offen', 'Abgeschlossen']);
    expect(ch.fields[0]!.label).to.equal('Produkt');
    expect(ch.fields[0]!.options!.map((o) => o.label)).to.deep.equal(['Router X (CH)', 'Mobile App']);
    expect(localizeSchema(base, 'de-AT').statuses[1]!.label).to.equal('Geschlossen');
  });

  it('leaves the schema as it is for a language it has no words for, and a blank word as the base label', () => {
    expect(localizeSchema(base, 'en')).to.equal(base);
    expect(localizeSchema(base, 'fr').statuses[0]!.label).to.equal('Open');
    const plain = { ...base, translations: undefined } as PortalSchema;
    expect(localizeSchema(plain, 'de')).to.equal(plain);
  });

  it('is the same object for the same schema and locale, and starts from the base labels again', () => {
    const de = localizeSchema(base, 'de');
    expect(localizeSchema(base, 'de')).to.equal(de);
    expect(localizeSchema(de, 'en')).to.equal(base);
    expect(baseSchema(de)).to.equal(base);
    expect(baseSchema(base)).to.equal(base);
    expect(localizeSchema(de, 'de-CH')).to.equal(localizeSchema(base, 'de-CH'));
  });

  it('names a case’s status by the localized schema, else by the label the case carries', () => {
    const de = localizeSchema(base, 'de');
    expect(statusLabel({ id: 'closed', label: 'Closed', category: 'closed' }, de)).to.equal('Geschlossen');
    expect(statusLabel({ id: 'gone', label: 'Archived', category: 'closed' }, de)).to.equal('Archived');
    expect(statusLabel({ id: 'closed', label: 'Closed', category: 'closed' }, undefined)).to.equal('Closed');
  });
});
