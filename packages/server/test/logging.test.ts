import { expect } from 'chai';
import { buildApp } from '../src/index.js';
import { freshDatabaseUrl, testConfig } from './support/server.js';

/** The request log is read by operators and kept: it must not hold what would let its reader in. */
describe('the request log', () => {
  it('keeps a download link’s path and drops its signature', async () => {
    const lines: string[] = [];
    const db = await freshDatabaseUrl('sqlite');
    const app = await buildApp(testConfig({ database: db.url }), { logger: { level: 'info', stream: { write: (l) => void lines.push(l) } } });
    try {
      const res = await app.inject({ method: 'GET', url: '/attachments/f_1/content?t=default&p=p_1&exp=9999999999&sig=SECRET-SIGNATURE-abc' });
      expect(res.statusCode).to.equal(404);
      const log = lines.join('');
      expect(log).to.contain('/attachments/f_1/content?t=default&p=p_1&exp=9999999999&sig=…');
      expect(log).to.not.contain('SECRET-SIGNATURE');
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
