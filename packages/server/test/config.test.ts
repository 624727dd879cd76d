import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig, parseConfig } from '../src/config/load.js';

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
});
