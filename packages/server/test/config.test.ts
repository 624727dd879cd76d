import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig, parseConfig } from '../src/config/load.js';
import { testConfig } from './support/server.js';

const SECRET = 'a-config-secret-that-is-at-least-32-bytes';
const minimal = { auth: { issuer: 'https://host.example', audience: 'case-portal', hsKeys: [{ kid: 'k1', secret: SECRET }] } };

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('server config', () => {
  it('fills what a file leaves out from the defaults (the demo portal on SQLite)', () => {
    const c = parseConfig(minimal);
    expect(c.database).to.equal('sqlite:./data/cases.db');
    expect(c.auth.maxLifetimeSeconds).to.equal(900);
    expect(c.auth.hsKeys[0]!.kid).to.equal('k1');
    expect(c.portal.statuses.length).to.be.greaterThan(0);
  });

  it('names every bad key at once: unknown keys, wrong types, references to unknown statuses', () => {
    const problems = problemsOf(() =>
      parseConfig({ ...minimal, databse: 'sqlite:x.db', limits: { requestsPerMinute: 'lots' }, listen: { port: 80, hots: 'x' } }),
    );
    expect(problems.join('\n')).to.contain('databse: unknown key');
    expect(problems.join('\n')).to.contain('limits.requestsPerMinute: expected a number');
    expect(problems.join('\n')).to.contain('listen.hots: unknown key');
    const semantic = problemsOf(() => parseConfig({ ...minimal, portal: { closeStatuses: ['gone'] } }));
    expect(semantic).to.deep.equal(['portal.closeStatuses[0]: no status "gone"']);
  });

  it('refuses a config nobody could sign in with, and short secrets', () => {
    expect(problemsOf(() => parseConfig({}))).to.include.members(['auth: no keys (auth.hsKeys or auth.jwks): nobody could sign in']);
    const short = problemsOf(() => parseConfig({ auth: { ...minimal.auth, hsKeys: [{ kid: 'k', secret: 'short' }] } }));
    expect(short).to.deep.equal(['auth.hsKeys[0].secret: shorter than 32 bytes']);
  });

  it('takes a download-URL secret and lifetime, refusing a short secret or an odd lifetime', () => {
    expect(parseConfig(minimal).fileUrls).to.deep.equal({ secret: null, ttlSeconds: 3600 });
    const set = parseConfig({ ...minimal, fileUrls: { secret: 'env:URL_SECRET' } }, 'config', { URL_SECRET: SECRET });
    expect(set.fileUrls).to.deep.equal({ secret: SECRET, ttlSeconds: 3600 });
    const bad = problemsOf(() => parseConfig({ ...minimal, fileUrls: { secret: 'short', ttlSeconds: 5 } }));
    expect(bad).to.deep.equal(['fileUrls.secret: shorter than 32 bytes', 'fileUrls.ttlSeconds: a whole number of seconds from 60 to 604800 (7 days)']);
  });

  it('reads env:NAME from the environment and says which variable is missing', () => {
    const withEnv = { auth: { ...minimal.auth, hsKeys: [{ kid: 'k1', secret: 'env:PORTAL_SECRET' }] } };
    expect(parseConfig(withEnv, 'config', { PORTAL_SECRET: SECRET }).auth.hsKeys[0]!.secret).to.equal(SECRET);
    expect(problemsOf(() => parseConfig(withEnv, 'config', {}))).to.deep.equal(['auth.hsKeys[0].secret: environment variable PORTAL_SECRET is not set']);
  });

  it('loads YAML and JSON files and names the file in its errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'case-config-'));
    const yaml = join(dir, 'portal.yaml');
    writeFileSync(yaml, `auth:\n  issuer: https://host.example\n  audience: case-portal\n  hsKeys:\n    - kid: k1\n      secret: ${SECRET}\ndatabase: postgres://db.example/cases\n`);
    expect(loadConfig(yaml, {}).database).to.equal('postgres://db.example/cases');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "auth": ');
    const e = (() => {
      try {
        loadConfig(bad, {});
      } catch (err) {
        return err as ConfigError;
      }
      return null;
    })();
    expect(e?.message).to.contain(bad);
    expect(e?.problems[0]).to.match(/^not valid YAML or JSON/);
  });

  it('validates the portal deeply: a typo in a status category, a field type or a field attribute is named by its key', () => {
    const problems = problemsOf(() =>
      parseConfig({
        ...minimal,
        portal: {
          statuses: [
            { id: 'new', label: 'New', category: 'new' },
            { id: 'open', label: 'Open', category: 'opne' },
            { id: 'done', label: 'Done', category: 'closed', colour: 'green' },
          ],
          fields: [
            { key: 'product', label: 'Product', type: 'choise', options: [{ value: 'a', label: 'A' }] },
            { key: 'tags', label: 'Tags', type: 'multichoice', filterabel: true },
            { key: 'bad key', label: 'Bad', type: 'text' },
          ],
          features: { close: 'no', reply: true },
          limits: { pageSize: 0 },
          reopen: { fromCategories: ['resolved', 'finished'] },
        },
      }),
    ).join('\n');
    expect(problems).to.contain('portal.statuses[1].category: "opne" is not a status category (one of new, open, pending-agent');
    expect(problems).to.contain('portal.statuses[2].colour: unknown key');
    expect(problems).to.contain('portal.fields[0].type: "choise" is not a field type (one of text, longtext, number');
    expect(problems).to.contain('portal.fields[1].filterabel: unknown key');
    expect(problems).to.contain('portal.fields[1].options: a multichoice field needs at least one option');
    expect(problems).to.contain('portal.fields[2].key: "bad key" is not a field key');
    expect(problems).to.contain('portal.features.close: expected true or false, got "no"');
    expect(problems).to.contain('portal.features.reply: unknown key');
    expect(problems).to.contain('portal.limits.pageSize: at least 1, got 0');
    expect(problems).to.contain('portal.reopen.fromCategories[1]: "finished" is not a status category');
  });

  it('takes participants.mayAlso (what people copied may also do): known actions, each once', () => {
    const ok = parseConfig({ ...minimal, portal: { participants: { max: 3, colleagues: false, mayAlso: ['close', 'update'] } } });
    expect(ok.portal.participants?.mayAlso).to.deep.equal(['close', 'update']);
    const problems = problemsOf(() => parseConfig({ ...minimal, portal: { participants: { max: 3, colleagues: false, mayAlso: ['close', 'delete', 'close'] } } })).join('\n');
    expect(problems).to.contain('portal.participants.mayAlso[1]: "delete" is not a participant right (one of update, close, cancel, reopen, feedback, participants)');
    expect(problems).to.contain('portal.participants.mayAlso[2]: "close" appears twice');
    expect(problemsOf(() => parseConfig({ ...minimal, portal: { participants: { max: 3, colleagues: false, mayAlso: 'close' } } })).join('\n')).to.contain(
      'portal.participants.mayAlso: expected a list, got "close"',
    );
  });

  it('takes portal.translations: words per language for what the schema has, naming a typo by its key', () => {
    const de = { statuses: { open: 'Offen' }, fields: { product: { label: 'Produkt', options: { 'mobile-app': 'Mobile App' } } } };
    expect(parseConfig({ ...minimal, portal: { translations: { de } } }).portal.translations).to.deep.equal({ de });
    // The demo portal's own translations come with the defaults.
    expect(parseConfig(minimal).portal.translations?.['de']?.statuses?.['open']).to.equal('Offen');
    const problems = problemsOf(() =>
      parseConfig({
        ...minimal,
        portal: {
          translations: {
            de: { statuses: { opne: 'Offen' }, origins: { phone: 3 }, fields: { prodcut: { label: 'Produkt' }, product: { options: { tv: 'TV' }, lable: 'x' } } },
            'not a tag': {},
            fr: { colours: {} },
          },
        },
      }),
    ).join('\n');
    expect(problems).to.contain('portal.translations.de.origins.phone: expected a string, got 3');
    expect(problems).to.contain('portal.translations.de.fields.product.lable: unknown key (known: label, help, options)');
    expect(problems).to.contain('portal.translations: "not a tag" is not a language or locale ("de", "de-CH")');
    expect(problems).to.contain('portal.translations.fr.colours: unknown key');
    const references = problemsOf(() =>
      parseConfig({ ...minimal, portal: { translations: { de: { statuses: { opne: 'Offen' }, fields: { prodcut: { label: 'Produkt' }, product: { options: { tv: 'TV' } } } } } } }),
    ).join('\n');
    expect(references).to.contain('portal.translations.de.statuses.opne: no such entry in portal.statuses');
    expect(references).to.contain('portal.translations.de.fields.prodcut: no field "prodcut" in portal.fields');
    expect(references).to.contain('portal.translations.de.fields.product.options.tv: no such entry in portal.fields.product.options');
  });

  it('names references between portal keys: columns, filters and sort keys that are neither built in nor a field, unknown statuses', () => {
    const problems = problemsOf(() =>
      parseConfig({ ...minimal, portal: { columns: ['number', 'contract'], filters: ['status', 'colour'], sortable: ['updatedAt', 'size'], cancelStatus: 'gone', reopenStatus: null } }),
    );
    expect(problems).to.have.length(4);
    expect(problems[0]).to.match(/^portal\.columns\[1\]: "contract" is not a built-in column/);
    expect(problems[1]).to.match(/^portal\.filters\[1\]: "colour" is not a built-in filter/);
    expect(problems[2]).to.match(/^portal\.sortable\[1\]: "size" is not a built-in sort key/);
    expect(problems[3]).to.equal('portal.cancelStatus: no status "gone" in portal.statuses');
  });

  it('merges portal.features, limits and reopen key by key: switching one feature off keeps the others', () => {
    const c = parseConfig({ ...minimal, portal: { features: { close: false }, limits: { pageSize: 50 } } });
    expect(c.portal.features).to.include({ close: false, create: true, update: true, reopen: true });
    expect(c.portal.limits.pageSize).to.equal(50);
    expect(c.portal.limits.maxAttachmentBytes).to.be.greaterThan(0);
  });

  it('validates scope expressions: fields, variables, operators and statuses are named by key', () => {
    const ok = parseConfig({
      ...minimal,
      scopes: { mine: { any: [{ field: 'requester', eq: '$viewer.id' }, { field: 'fields.contract_id', eq: '$viewer.sub' }] }, linked: { field: 'status', in: ['new', 'open'] } },
    });
    expect(ok.scopes.account).to.deep.equal({ field: 'account', eq: '$viewer.account' });
    const problems = problemsOf(() =>
      parseConfig({
        ...minimal,
        scopes: {
          mine: { any: [{ field: 'fields.nope', eq: 'x' }, { field: 'requester', eq: '$viewer.name' }, { field: 'owner', eq: 'x' }] },
          account: { all: [] },
          linked: { field: 'status', in: ['opne'], eq: 'x' },
        },
      }),
    );
    expect(problems).to.deep.equal([
      'scopes.mine.any[0].field: no field "nope" in portal.fields',
      'scopes.mine.any[1].eq: unknown variable "$viewer.name" (known: $viewer.id, $viewer.account, $viewer.sub, $viewer.email)',
      'scopes.mine.any[2].field: "owner" is not requester, account, contact, status, origin, priority, category, service or fields.<key>',
      'scopes.account.all: expected a non-empty list of conditions',
      'scopes.linked: needs exactly one of "eq" or "in"',
    ]);
  });

  it('checks the server keys too: limits, port, CORS origins, pretendAgentMs', () => {
    const problems = problemsOf(() =>
      parseConfig({ ...minimal, limits: { maxPageSize: 0 }, listen: { port: 70000 }, corsOrigins: ['https://shop.example/', 'https://ok.example'], pretendAgentMs: -1 }),
    );
    expect(problems).to.deep.equal([
      'limits.maxPageSize: at least 1, got 0',
      'pretendAgentMs: at least 0, got -1',
      'listen.port: at most 65535, got 70000',
      'corsOrigins[0]: "https://shop.example/" is not an origin like https://www.example.com (no path, no trailing slash)',
    ]);
  });

  it('the example config of the README loads (with its secret from the environment)', () => {
    const c = loadConfig(new URL('../examples/portal.yaml', import.meta.url).pathname, { CASE_PORTAL_HS_SECRET: SECRET });
    expect(c.database).to.match(/^postgres:/);
    expect(c.pretendAgentMs).to.equal(0);
  });
});

describe('behind a reverse proxy', () => {
  it('trustProxy makes the proxy\'s X-Forwarded-For the client address in the logs; without it the header is ignored', async () => {
    const seen = async (trustProxy: string[]) => {
      const lines: string[] = [];
      const app = await buildApp({ ...testConfig(), trustProxy }, { logger: { level: 'info', stream: { write: (l: string) => lines.push(l) } } });
      await app.inject({ method: 'GET', url: '/health', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } });
      await app.close();
      return lines.map((l) => JSON.parse(l)).find((l) => l.req?.url === '/health')?.req.remoteAddress;
    };
    expect(await seen(['127.0.0.1'])).to.equal('203.0.113.7');
    expect(await seen([])).to.equal('127.0.0.1');
    expect(problemsOf(() => parseConfig({ ...minimal, trustProxy: ['10.0.0.0/8', 'proxy.internal'] }))).to.deep.equal([
      'trustProxy[1]: "proxy.internal" is not an IP address or CIDR range like 10.0.0.0/8',
    ]);
  });
});
