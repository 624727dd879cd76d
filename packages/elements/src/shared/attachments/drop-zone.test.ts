/** FileDropController alone on a bare ReactiveElement host, and dropTarget() binding it onto a form. */
import { expect } from '@open-wc/testing';
import { ReactiveElement, html, render } from 'lit';
import { defineHost, place, removePlaced, transferOf } from '../../testing/index.js';
import { FileDropController, dropTarget, type DropHandlers } from './drop-zone.js';

afterEach(removePlaced);

const file = (name: string) => new File(['x'], name, { type: 'text/plain' });
const drag = (type: string, data: DataTransfer) => new DragEvent(type, { dataTransfer: data, cancelable: true, bubbles: true });
const paste = (data: DataTransfer) => new ClipboardEvent('paste', { clipboardData: data, cancelable: true, bubbles: true });

class DropHost extends ReactiveElement {
  enabled = true;
  picked: string[][] = [];
  readonly drop = new FileDropController(this, (files) => this.picked.push(files.map((f) => f.name)), () => this.enabled);
}
defineHost(DropHost);

describe('FileDropController', () => {
  it('is active while files are dragged over (children crossed counted), and takes the dropped files', async () => {
    const host = place(new DropHost());
    const data = transferOf([file('a.txt'), file('b.txt')]);
    const enter = drag('dragenter', data);
    host.drop.onDragEnter(enter);
    host.drop.onDragEnter(drag('dragenter', data)); // into a child
    expect(enter.defaultPrevented).to.equal(true);
    expect(host.drop.active).to.equal(true);
    host.drop.onDragLeave(drag('dragleave', data)); // out of the child
    expect(host.drop.active).to.equal(true);
    const over = drag('dragover', data);
    host.drop.onDragOver(over);
    expect(over.defaultPrevented, 'the browser does not open the file').to.equal(true);
    const dropped = drag('drop', data);
    host.drop.onDrop(dropped);
    expect(dropped.defaultPrevented).to.equal(true);
    expect(host.drop.active).to.equal(false);
    expect(host.picked).to.deep.equal([['a.txt', 'b.txt']]);
  });

  it('leaves dragged text, and everything while disabled, to the browser', () => {
    const host = place(new DropHost());
    const text = new DataTransfer();
    text.setData('text/plain', 'hello');
    const enter = drag('dragenter', text);
    host.drop.onDragEnter(enter);
    expect(enter.defaultPrevented).to.equal(false);
    expect(host.drop.active).to.equal(false);
    host.enabled = false;
    const dropped = drag('drop', transferOf([file('a.txt')]));
    host.drop.onDrop(dropped);
    expect(dropped.defaultPrevented).to.equal(false);
    expect(host.picked).to.deep.equal([]);
  });

  it('attaches a pasted file, but a paste that also holds text pastes as text', () => {
    const host = place(new DropHost());
    const picture = paste(transferOf([file('shot.png')]));
    host.drop.onPaste(picture);
    expect(picture.defaultPrevented).to.equal(true);
    const cells = transferOf([file('cells.png')]);
    cells.setData('text/plain', 'a\tb');
    const both = paste(cells);
    host.drop.onPaste(both);
    expect(both.defaultPrevented).to.equal(false);
    expect(host.picked).to.deep.equal([['shot.png']]);
  });

  it('is no longer active once the host leaves the page', () => {
    const host = place(new DropHost());
    host.drop.onDragEnter(drag('dragenter', transferOf([file('a.txt')])));
    host.remove();
    expect(host.drop.active).to.equal(false);
  });
});

describe('dropTarget()', () => {
  /** Handlers that record what reached them, under a name. */
  function handlers(name: string, calls: string[], active = false): DropHandlers {
    const record = (e: Event) => void calls.push(`${name} ${e.type}`);
    return { active, onDragEnter: record, onDragOver: record, onDragLeave: record, onDrop: record, onPaste: record };
  }

  it('binds the latest handlers once, and shows the drop state and label', () => {
    const container = place(document.createElement('div'));
    const calls: string[] = [];
    const view = (drop: DropHandlers, label: string) => html`<form class="drop-target" ${dropTarget(drop, label)}></form>`;
    render(view(handlers('first', calls), 'Drop files here'), container);
    const form = container.querySelector('form')!;
    expect(form.hasAttribute('data-dropping')).to.equal(false);
    expect(form.dataset['dropLabel']).to.equal('Drop files here');

    render(view(handlers('second', calls, true), 'Déposez ici'), container);
    expect(form.hasAttribute('data-dropping')).to.equal(true);
    expect(form.dataset['dropLabel']).to.equal('Déposez ici');
    for (const type of ['dragenter', 'dragover', 'dragleave', 'drop']) form.dispatchEvent(new DragEvent(type));
    form.dispatchEvent(new ClipboardEvent('paste'));
    expect(calls).to.deep.equal(['second dragenter', 'second dragover', 'second dragleave', 'second drop', 'second paste']);
  });
});
