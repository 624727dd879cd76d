import { expect } from 'chai';
import { buildApp } from '../src/index.js';
import { openDatabase } from '../src/db/database.js';
import { testConfig } from './support/server.js';

describe('GET /health', () => {
  it('answers 200 without a token while the database answers, 503 once it does not; nothing else is public', async () => {
    const database = openDatabase('sqlite::memory:');
    const app = await buildApp(testConfig(), { logger: false, database });
    try {
      const ok = await app.inject({ method: 'GET', url: '/health' });
      expect(ok.statusCode).to.equal(200);
      expect(ok.json()).to.deep.equal({ status: 'ok' });
      expect((await app.inject({ method: 'GET', url: '/schema' })).statusCode).to.equal(401);
      await database.db.destroy();
      const down = await app.inject({ method: 'GET', url: '/health' });
      expect(down.statusCode).to.equal(503);
      expect(down.json()).to.deep.equal({ status: 'unavailable' });
    } finally {
      await app.close();
    }
  });
});
