/**
 * The shared controllers, each alone on a bare ReactiveElement host (the way Lit tests @lit/task):
 * no case element, no rendering, only the host's update cycle.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { MemoryAdapter, seededCaseId } from '@case-portal/adapter-memory';
import type { AdapterEvent, BackendProblem, CaseAdapter } from '@case-portal/core';
import { CountingHost, defineHost, place, recordCaseErrors, removePlaced, wrapAdapter } from '../../testing/index.js';
import { BACKEND_DATA_OPERATION, BackendProblemsController } from './backend-problems.js';
import { LiveCaseController, type LiveTarget } from './live-case.js';
import { TickController } from './tick.js';

afterEach(removePlaced);

describe('TickController', () => {
  class ClockHost extends CountingHost {
    intervalMs = 20;
    readonly clock = new TickController(this, () => this.intervalMs);
  }
  defineHost(ClockHost);

  it('re-renders its host every interval while it is on the page, and counts the ticks', async () => {
    const host = place(new ClockHost());
    await host.updateComplete;
    const first = host.updates;
    await waitUntil(() => host.clock.ticks >= 3, 'the clock ticks');
    await host.updateComplete;
    expect(host.updates).to.be.greaterThan(first);
  });

  it('stops while the host is off the page and starts again with the interval of that moment', async () => {
    const host = place(new ClockHost());
    await waitUntil(() => host.clock.ticks >= 1, 'the clock ticks');
    host.remove();
    const stopped = host.clock.ticks;
    await new Promise((r) => setTimeout(r, 80));
    expect(host.clock.ticks).to.equal(stopped);
    host.intervalMs = 10_000;
    document.body.append(host);
    await new Promise((r) => setTimeout(r, 80));
    expect(host.clock.ticks, 'the new, long interval applies').to.equal(stopped);
    host.remove();
  });
});

interface Subscription {
  caseId: string | undefined;
  open: boolean;
  emit(event: AdapterEvent): void;
}

/** An adapter whose subscriptions the test sees and drives (open, closed, events). */
function observedAdapter(): { adapter: CaseAdapter; subscriptions: Subscription[] } {
  const subscriptions: Subscription[] = [];
  const adapter = wrapAdapter(new MemoryAdapter({ storage: null }), {
    subscribe(target, onEvent) {
      const sub: Subscription = { caseId: target.caseId, open: true, emit: (e) => sub.open && onEvent(e) };
      subscriptions.push(sub);
      return () => void (sub.open = false);
    },
  });
  return { adapter, subscriptions };
}

const changed = (caseId: string): AdapterEvent => ({ type: 'case-changed', caseId }) as AdapterEvent;

describe('LiveCaseController', () => {
  class LiveHost extends ReactiveElement {
    target?: LiveTarget;
    events: AdapterEvent[] = [];
    readonly live = new LiveCaseController(this, () => this.target, (e) => this.events.push(e));
  }
  defineHost(LiveHost);

  async function follow(host: LiveHost, target: LiveTarget | undefined): Promise<void> {
    host.target = target;
    host.requestUpdate();
    await host.updateComplete;
  }

  it('subscribes once for the case and passes its events on', async () => {
    const { adapter, subscriptions } = observedAdapter();
    const host = place(new LiveHost());
    await follow(host, { adapter, caseId: seededCaseId(1) });
    host.requestUpdate();
    await host.updateComplete;
    expect(subscriptions).to.have.length(1);
    expect(subscriptions[0]!.caseId).to.equal(seededCaseId(1));
    subscriptions[0]!.emit(changed(seededCaseId(1)));
    subscriptions[0]!.emit(changed(seededCaseId(2))); // another case's event: not ours
    expect(host.events.map((e) => e.caseId)).to.deep.equal([seededCaseId(1)]);
  });

  it('passes on a reset for its case or for every case, not one for another case', async () => {
    const { adapter, subscriptions } = observedAdapter();
    const host = place(new LiveHost());
    await follow(host, { adapter, caseId: seededCaseId(1) });
    subscriptions[0]!.emit({ type: 'reset', caseId: seededCaseId(1) });
    subscriptions[0]!.emit({ type: 'reset' });
    subscriptions[0]!.emit({ type: 'reset', caseId: seededCaseId(2) });
    expect(host.events).to.deep.equal([{ type: 'reset', caseId: seededCaseId(1) }, { type: 'reset' }]);
  });

  it('follows a new adapter and closes the old subscription', async () => {
    const first = observedAdapter();
    const second = observedAdapter();
    const host = place(new LiveHost());
    await follow(host, { adapter: first.adapter, caseId: seededCaseId(1) });
    await follow(host, { adapter: second.adapter, caseId: seededCaseId(1) });
    expect(first.subscriptions[0]!.open).to.equal(false);
    expect(second.subscriptions).to.have.length(1);
    expect(second.subscriptions[0]!.open).to.equal(true);
    expect(host.live.current?.adapter).to.equal(second.adapter);
  });

  it('follows a new case, drops late events of the old one, and stops with no target', async () => {
    const { adapter, subscriptions } = observedAdapter();
    const host = place(new LiveHost());
    await follow(host, { adapter, caseId: seededCaseId(1) });
    await follow(host, { adapter, caseId: seededCaseId(2) });
    expect(subscriptions.map((s) => [s.caseId, s.open])).to.deep.equal([
      [seededCaseId(1), false],
      [seededCaseId(2), true],
    ]);
    await follow(host, undefined);
    expect(subscriptions[1]!.open).to.equal(false);
    expect(host.live.current).to.equal(undefined);
  });

  it('stops when the host leaves the page and subscribes again when it comes back', async () => {
    const { adapter, subscriptions } = observedAdapter();
    const host = place(new LiveHost());
    await follow(host, { adapter, caseId: seededCaseId(1) });
    host.remove();
    expect(subscriptions[0]!.open).to.equal(false);
    document.body.append(host);
    host.requestUpdate();
    await host.updateComplete;
    expect(subscriptions).to.have.length(2);
    expect(subscriptions[1]!.open).to.equal(true);
  });

  it('does nothing for an adapter that has no live updates', async () => {
    const base = new MemoryAdapter({ storage: null });
    const adapter = wrapAdapter(base, { subscribe: undefined });
    const host = place(new LiveHost());
    await follow(host, { adapter, caseId: seededCaseId(1) });
    expect(host.live.current).to.equal(undefined);
  });
});

describe('BackendProblemsController', () => {
  class ProblemsHost extends ReactiveElement {
    adapter?: CaseAdapter;
    readonly errors = recordCaseErrors(this);
    readonly problems = new BackendProblemsController(this, () => this.adapter);
  }
  defineHost(ProblemsHost);

  /** A memory adapter that reports backend problems to whoever listens, as the REST adapter does. */
  function reportingAdapter() {
    const listeners = new Set<(p: BackendProblem) => void>();
    const adapter = wrapAdapter(new MemoryAdapter({ storage: null }), {
      onBackendProblem: (listener: (p: BackendProblem) => void) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    });
    const report = (message: string) => {
      for (const l of listeners) l({ path: 'viewer.timeZone', value: 'Mars/Olympus', message });
    };
    return { adapter, listeners, report };
  }

  it("fires each problem the host's adapter reports as a case-error (code server, operation backend-data)", async () => {
    const { adapter, listeners, report } = reportingAdapter();
    const host = new ProblemsHost();
    host.adapter = adapter;
    place(host);
    await host.updateComplete;
    expect(listeners.size).to.equal(1);
    report('viewer.timeZone "Mars/Olympus" is not an IANA time zone');
    expect(host.errors).to.have.length(1);
    expect(host.errors[0]!.operation).to.equal(BACKEND_DATA_OPERATION);
    expect(host.errors[0]!.error.code).to.equal('server');
    expect(host.errors[0]!.error.backendMessage).to.equal('viewer.timeZone "Mars/Olympus" is not an IANA time zone');
    expect(host.errors[0]!.message).to.equal('viewer.timeZone "Mars/Olympus" is not an IANA time zone');
  });

  it('follows a new adapter after an update, stops listening to the old one, and stops when the host leaves', async () => {
    const first = reportingAdapter();
    const second = reportingAdapter();
    const host = new ProblemsHost();
    host.adapter = first.adapter;
    place(host);
    await host.updateComplete;
    host.adapter = second.adapter;
    host.requestUpdate();
    await host.updateComplete;
    expect(first.listeners.size, 'the old adapter is left').to.equal(0);
    expect(second.listeners.size).to.equal(1);
    first.report('old');
    second.report('new');
    expect(host.errors.map((e) => e.message)).to.deep.equal(['new']);
    host.remove();
    expect(second.listeners.size, 'off the page, nothing listens').to.equal(0);
    second.report('after');
    expect(host.errors).to.have.length(1);
  });
});
