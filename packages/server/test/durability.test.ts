import { expect } from 'chai';
import { startChildServer } from './support/child-server.js';
import { DB_KINDS, freshDatabaseUrl, tokenFor } from './support/server.js';

/**
 * An acknowledged write survives the server process dying at any moment (kill -9: no shutdown
 * hook runs). SQLite runs in WAL mode with synchronous=FULL; PostgreSQL commits before the answer.
 * Creates run in parallel until the process is killed mid-stream; a new process on the same
 * database must then answer every case whose 201 reached the client, with its first history entry.
 */
for (const kind of DB_KINDS) {
  describe(`durability on ${kind}: kill -9 during writes`, function () {
    this.timeout(60_000);

    it('loses no acknowledged case', async () => {
      const db = await freshDatabaseUrl(kind);
      const token = await tokenFor({ sub: `durable-${kind}`, name: 'Robin Vale', org: 'durable' });
      const headers = (key: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key });
      try {
        const first = await startChildServer(db.url);
        const acked: string[] = [];
        let attempted = 0;
        let stop = false;
        const worker = async (w: number) => {
          for (let i = 0; !stop; i++) {
            attempted++;
            try {
              const res = await fetch(`${first.url}/cases`, {
                method: 'POST',
                headers: headers(`w${w}-${i}`),
                body: JSON.stringify({ subject: `Write ${w}-${i}`, description: 'Kept through a crash.', fields: { product: 'router-x200' } }),
              });
              if (res.status === 201) acked.push(((await res.json()) as { id: string }).id);
            } catch {
              return; // the connection died with the process: not acknowledged
            }
          }
        };
        const workers = [0, 1, 2, 3].map(worker);
        // Kill in the middle of the stream, once some writes are acknowledged and more are in flight.
        while (acked.length < 25) await new Promise((r) => setTimeout(r, 5));
        first.process.kill('SIGKILL');
        await first.exited;
        stop = true;
        await Promise.all(workers);
        expect(attempted).to.be.greaterThan(acked.length);

        const second = await startChildServer(db.url);
        try {
          const missing: string[] = [];
          for (const id of acked) {
            const res = await fetch(`${second.url}/cases/${id}/history`, { headers: { authorization: `Bearer ${token}` } });
            if (res.status !== 200 || ((await res.json()) as { items: unknown[] }).items.length < 1) missing.push(id);
          }
          expect(missing, `${missing.length} of ${acked.length} acknowledged cases lost`).to.deep.equal([]);
          const list = (await (await fetch(`${second.url}/cases?limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number };
          expect(list.total).to.be.at.least(acked.length);
        } finally {
          second.process.kill('SIGTERM');
          await second.exited;
        }
      } finally {
        await db.drop();
      }
    });
  });
}
