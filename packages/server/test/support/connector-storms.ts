/**
 * What every connector must do when its help desk pushes back, over that vendor's strict fake: ride
 * out a short storm of 429s (waiting as Retry-After says) and failed answers within its retry budget,
 * and answer a longer one with the generic busy error, a log line for the operator, and recovery
 * once it ends. Each vendor's test file calls `itRidesOutStorms` inside its describe.
 */
import { expect } from 'chai';
import { call } from './server.js';
import type { ConnectorServer } from './connector-server.js';

/** The part of a vendor fake the storms use. */
export interface StormyFake {
  /** The next `requests` answers are 429s asking to wait `retryAfterSeconds`. */
  rateLimit(requests: number, retryAfterSeconds: number): void;
  /** The next `requests` answers fail with `status`. */
  fail(requests: number, status?: number): void;
}

export interface StormOptions<Fake extends StormyFake, Customer extends { token: () => Promise<string> }> {
  server: () => ConnectorServer<Fake>;
  /** A new customer of the vendor's demo account, by tag: their token and what identifies them there. */
  customer: (tag: string) => Customer;
  /** A first call that signs the connector in (so the storm hits the list call itself). */
  warmUp: string;
  /** Whether a log line's `route` is the vendor call the customer's list makes. */
  listRoute: (route: string, who: Customer) => boolean;
  /** The failed answers ridden out after the 429s (default 502). */
  failStatus?: number;
  /** More a vendor rides out (Salesforce's REQUEST_LIMIT_EXCEEDED), checked after the 429s. */
  alsoRidesOut?: (fake: Fake, listAgain: () => Promise<number>) => Promise<void>;
}

const BUSY = { error: { code: 'server', message: 'The help desk is busy or unavailable. Please try again in a moment.' } };

export function itRidesOutStorms<Fake extends StormyFake, Customer extends { token: () => Promise<string> }>(o: StormOptions<Fake, Customer>): void {
  it('rides out a 429 storm within its retry budget, honouring Retry-After', async () => {
    const s = o.server();
    const token = await o.customer('storm').token();
    await call(s, o.warmUp, { token });
    s.fake.rateLimit(3, 1);
    const started = Date.now();
    const r = await call(s, '/cases', { token });
    expect(r.status).to.equal(200);
    expect(Date.now() - started, 'three waits of Retry-After: 1').to.be.at.least(2_900);
    expect(s.logs.filter((l) => String(l.msg).includes('asked us to wait')).length).to.be.at.least(3);
    const listAgain = async () => (await call(s, '/cases', { token })).status;
    await o.alsoRidesOut?.(s.fake, listAgain);
    const status = o.failStatus ?? 502;
    s.fake.fail(2, status);
    expect(await listAgain(), `two ${status}s are retried too`).to.equal(200);
  });

  it('answers a storm longer than its budget with the generic busy error, and recovers after it', async () => {
    const s = o.server();
    const who = o.customer('longstorm');
    const token = await who.token();
    await call(s, o.warmUp, { token });
    s.fake.rateLimit(1_000, 2);
    try {
      const r = await call(s, '/cases', { token });
      expect(r.status).to.equal(503);
      expect(await r.json()).to.deep.equal(BUSY);
      expect(s.logs.some((l) => String(l.msg).includes('stayed unavailable') && o.listRoute(String(l.route), who))).to.equal(true);
    } finally {
      s.fake.rateLimit(0, 0);
    }
    expect((await call(s, '/cases', { token })).status).to.equal(200);
  });
}
