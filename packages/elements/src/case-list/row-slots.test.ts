import { expect } from '@open-wc/testing';
import { focusedCaseId, RowSlots } from './row-slots.js';

describe('RowSlots', () => {
  it('names a new row after its case (so rows keyed by case id before keep their elements)', () => {
    expect(new RowSlots().assign(['a', 'b', 'c'])).to.deep.equal(['a', 'b', 'c']);
  });

  it('refills the rows in place when the cases are new or reordered (a keystroke, a sort): none built, none moved', () => {
    const slots = new RowSlots();
    slots.assign(['a', 'b', 'c', 'd']);
    expect(slots.assign(['w', 'x', 'y', 'z'])).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(slots.assign(['z', 'y', 'x', 'w'])).to.deep.equal(['a', 'b', 'c', 'd']);
  });

  it('a scroll of a few rows keeps every row that stays and adds new ones at the end it scrolled to', () => {
    const ids = (from: number) => Array.from({ length: 10 }, (_, i) => `c${from + i}`);
    const slots = new RowSlots();
    slots.assign(ids(0));
    expect(slots.assign(ids(2))).to.deep.equal([...ids(2).slice(0, 8), 'c10', 'c11']);
    expect(slots.assign(ids(1))).to.deep.equal(['c1', ...ids(2).slice(0, 8), 'c10']);
  });

  it('a long jump refills the rows in place instead of building more than half of them anew', () => {
    const ids = (from: number) => Array.from({ length: 10 }, (_, i) => `c${from + i}`);
    const slots = new RowSlots();
    slots.assign(ids(0));
    expect(slots.assign(ids(8))).to.deep.equal(ids(0));
  });

  it('a case that moved to the top: the rest keep their rows, one row is new', () => {
    const slots = new RowSlots();
    slots.assign(['a', 'b', 'c', 'd']);
    expect(slots.assign(['d', 'a', 'b', 'c'])).to.deep.equal(['d~0', 'a', 'b', 'c']);
  });

  it('a new row whose case names a row still shown gets a unique name', () => {
    const slots = new RowSlots();
    slots.assign(['a', 'b']);
    expect(slots.assign(['x', 'a', 'b'])).to.deep.equal(['x', 'a', 'b']);
    const keys = slots.assign(['b', 'y', 'x', 'a']);
    expect(new Set(keys).size).to.equal(4);
  });

  it('never hands the focused row to another case: when its case leaves, the row goes; when it stays, it keeps it', () => {
    const slots = new RowSlots();
    slots.assign(['a', 'b']);
    const left = slots.assign(['x', 'y'], 'a');
    expect(left[1]).to.equal('b');
    expect(left).not.to.include('a');
    const moved = new RowSlots();
    moved.assign(['a', 'b', 'c']);
    const keys = moved.assign(['c', 'x', 'y'], 'c');
    expect(keys[0]).to.equal('c');
    expect(new Set(keys).size).to.equal(3);
  });

  it('every key is unique, even for a case listed twice or focused twice', () => {
    const slots = new RowSlots();
    slots.assign(['a']);
    expect(new Set(slots.assign(['a', 'b', 'a', 'c'], 'a')).size).to.equal(4);
  });

  it('keys stay unique over many random windows', () => {
    const slots = new RowSlots();
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 500; round++) {
      const ids = [...new Set(Array.from({ length: 1 + Math.floor(random() * 12) }, () => `c${Math.floor(random() * 20)}`))];
      const focused = random() < 0.3 ? `c${Math.floor(random() * 20)}` : null;
      const previous = new Map(slots['ids'].map((id, i) => [id, slots['keys'][i]]));
      const keys = slots.assign(ids, focused);
      expect(new Set(keys).size, `round ${round}`).to.equal(ids.length);
      if (focused && previous.has(focused)) {
        const at = ids.indexOf(focused);
        if (at >= 0) expect(keys[at], `round ${round}: the focused case kept its row`).to.equal(previous.get(focused));
        else expect(keys, `round ${round}: the focused row went with its case`).not.to.include(previous.get(focused));
      }
    }
  });
});

describe('focusedCaseId', () => {
  it('names the case of the row holding focus, and nothing when focus is elsewhere', () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const outside = document.createElement('input');
    const row = document.createElement('tr');
    row.dataset.id = 'c-7';
    const button = row.appendChild(document.createElement('td')).appendChild(document.createElement('button'));
    const table = document.createElement('table');
    table.createTBody().append(row);
    root.append(outside, table);
    document.body.append(host);
    try {
      button.focus();
      expect(focusedCaseId(root)).to.equal('c-7');
      outside.focus();
      expect(focusedCaseId(root)).to.equal(null);
    } finally {
      host.remove();
    }
  });
});
