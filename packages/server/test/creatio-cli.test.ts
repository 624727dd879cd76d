/**
 * `case-portal-server serve --config examples/creatio.json` against the fake Creatio: the example
 * as shipped (its secrets and Creatio address from the environment, as it documents), with only
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
import { FakeCreatio } from './support/fake-creatio.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const EXAMPLE = fileURLToPath(new URL('../../../examples/creatio.json', import.meta.url));
const SECRET = 'an-example-host-secret-of-at-least-32-bytes';

describe('the CLI serving examples/creatio.json against the fake Creatio', function () {
  this.timeout(90_000);

  it('starts, signs a customer in as a Creatio contact, lists their cases, and stops on SIGTERM', async () => {
    const fake = new FakeCreatio({ caseColumns: ['UsrProduct', 'UsrSerialNumber'] });
    await fake.start();
    const account = fake.addAccount('Northwind');
    const alex = fake.addContact({ name: 'Alex Morgan', email: 'alex@northwind.example', accountId: account.Id });
    const c = fake.addCase({ contactId: alex.Id, subject: 'VPN drops every 20 minutes', symptoms: 'Since firmware 4.2.', UsrProduct: 'router-x200' });
    const dir = mkdtempSync(join(tmpdir(), 'creatio-cli-'));
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const config = join(dir, 'creatio.json');
    writeFileSync(config, JSON.stringify({ ...example, listen: { ...example.listen, port: 0 } }));
    const env = { ...process.env, LOG_LEVEL: 'info', CREATIO_URL: fake.url, CREATIO_USER: fake.userName, CREATIO_PASSWORD: fake.password, PORTAL_JWT_SECRET: SECRET };
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
      const token = await new SignJWT({ name: 'Alex Morgan', email: 'alex@northwind.example', role: 'customer' })
        .setProtectedHeader({ alg: 'HS256', kid: example.auth.hsKeys[0].kid })
        .setSubject('u-alex')
        .setIssuer(example.auth.issuer)
        .setAudience(example.auth.audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));
      const me = await (await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(me.id).to.equal(`cp_${alex.Id}`);
      const list = await (await fetch(`${url}/cases`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(list.items.map((x: { id: string; subject: string; fields: object }) => [x.id, x.subject, x.fields])).to.deep.equal([[`cc_${c.Id}`, 'VPN drops every 20 minutes', { product: 'router-x200' }]]);
      expect(fake.logins, 'signed in with the forms credential from the environment').to.equal(1);
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
