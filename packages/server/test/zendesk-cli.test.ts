/**
 * `case-portal-server serve --config examples/zendesk.json` against the fake Zendesk: the example
 * as shipped (its secrets and Zendesk address from the environment, as it documents), with only
 * `listen.port` set to 0 so the test never collides with anything on 8787.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { SignJWT } from 'jose';
import { FakeZendesk } from './support/fake-zendesk.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const EXAMPLE = fileURLToPath(new URL('../../../examples/zendesk.json', import.meta.url));
const SECRET = 'an-example-host-secret-of-at-least-32-bytes';

describe('the CLI serving examples/zendesk.json against the fake Zendesk', function () {
  this.timeout(90_000);

  it('starts, signs a customer in as a Zendesk end user, lists their tickets, and stops on SIGTERM', async () => {
    const fake = new FakeZendesk();
    await fake.start();
    const org = fake.addOrg({ name: 'Northwind', external_id: 'northwind' });
    const alex = fake.addUser({ name: 'Alex Morgan', email: 'alex@northwind.example', organization_id: org.id });
    const t = fake.addTicket({ requester_id: alex.id, subject: 'VPN drops every 20 minutes', body: 'Since firmware 4.2.', status: 'open' });
    const dir = mkdtempSync(join(tmpdir(), 'zendesk-cli-'));
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const config = join(dir, 'zendesk.json');
    writeFileSync(config, JSON.stringify({ ...example, listen: { ...example.listen, port: 0 } }));
    const env = { ...process.env, LOG_LEVEL: 'info', ZENDESK_URL: fake.url, ZENDESK_EMAIL: fake.email, ZENDESK_API_TOKEN: fake.apiToken, PORTAL_JWT_SECRET: SECRET };
    const child = spawn(process.execPath, ['--conditions=source', '--import', TSX, CLI, 'serve', '--config', config], { cwd: dir, env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = once(child, 'exit');
    try {
      let url = '';
      for (let i = 0; i < 1200 && !url && child.exitCode === null; i++) {
        url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
        if (!url) await new Promise((r) => setTimeout(r, 50));
      }
      expect(url, out).to.not.equal('');
      const token = await new SignJWT({ name: 'Alex Morgan', email: 'alex@northwind.example', org: 'northwind', role: 'customer' })
        .setProtectedHeader({ alg: 'HS256', kid: example.auth.hsKeys[0].kid })
        .setSubject('u-alex')
        .setIssuer(example.auth.issuer)
        .setAudience(example.auth.audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));
      const me = await (await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(me.id).to.equal(`zu_${alex.id}`);
      const list = await (await fetch(`${url}/cases`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(list.items.map((c: { id: string; subject: string }) => [c.id, c.subject])).to.deep.equal([[`zt_${t.id}`, 'VPN drops every 20 minutes']]);
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code, out).to.equal(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
