/**
 * RouteFollower alone, on a bare ReactiveElement host: the route read at connection, back/forward
 * followed once the URL code is here, nothing followed without a prefix or after disconnection.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { defineHost, place, removePlaced } from '../testing/index.js';
import { activatePage } from '../../../../test/history.js';
import { RouteFollower } from './route-follower.js';
import type { PortalRoute } from './url-route.js';
import { loadUrlSync } from './url-sync-loader.js';

before(activatePage);

class FollowingHost extends ReactiveElement {
  followPrefix?: string = 'rf.';
  readonly started: PortalRoute[] = [];
  readonly changed: PortalRoute[] = [];
  constructor() {
    super();
    new RouteFollower(this, { prefix: () => this.followPrefix, started: (r) => this.started.push(r), changed: (r) => this.changed.push(r) });
  }
}
defineHost(FollowingHost);

describe('RouteFollower (alone, on a bare ReactiveElement)', () => {
  const start = location.href;
  afterEach(() => {
    removePlaced();
    history.replaceState(null, '', start);
  });

  it('reads the route at connection and follows back/forward under its prefix', async () => {
    history.replaceState(null, '', `${location.pathname}?rf.open=c_1`);
    const host = place(new FollowingHost());
    expect(host.started).to.deep.equal([{ view: 'detail', caseId: 'c_1' }]);
    const sync = await loadUrlSync();
    await host.updateComplete;
    // As the portal navigates: written through the URL code, so the follower knows it moved on.
    sync.writeRoute({ view: 'create' }, 'push', 'rf.');
    const popped = oneEvent(window, 'popstate');
    history.back();
    await popped;
    await waitUntil(() => host.changed.length === 1, 'back was not followed');
    expect(host.changed).to.deep.equal([{ view: 'detail', caseId: 'c_1' }]);
  });

  it('follows nothing without a prefix, and stops when the host leaves the page', async () => {
    const sync = await loadUrlSync();
    const host = new FollowingHost();
    host.followPrefix = undefined;
    place(host);
    await host.updateComplete;
    expect(host.started).to.deep.equal([]);
    host.followPrefix = 'rf.';
    host.requestUpdate();
    await host.updateComplete;
    expect(host.started).to.deep.equal([{ view: 'list' }]);
    host.remove();
    sync.writeRoute({ view: 'detail', caseId: 'c_2' }, 'push', 'rf.');
    const popped = oneEvent(window, 'popstate');
    history.back();
    await popped;
    await new Promise((r) => setTimeout(r, 50));
    expect(host.changed, 'no longer on the page: nothing followed').to.deep.equal([]);
  });
});
