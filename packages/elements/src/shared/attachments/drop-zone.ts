import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { dragHasFiles, filesOf } from './upload-queue.js';

/**
 * Drag and drop of files onto a form, and pasting files (a screenshot, a copied file) into it.
 * The owner binds the handlers on the element that receives drops (`dropTarget()` below);
 * `active` is true while files are dragged over it, for a visible "drop here" state. Dragged text and links are left to the
 * browser (they drop into the textarea as usual).
 */
export class FileDropController implements ReactiveController {
  active = false;
  /** dragenter/dragleave fire for every child crossed: count them to know when the drag really left. */
  private depth = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onFiles: (files: File[]) => void,
    private readonly enabled: () => boolean = () => true,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.setActive(false);
  }

  readonly onDragEnter = (e: DragEvent): void => {
    if (!this.enabled() || !dragHasFiles(e)) return;
    e.preventDefault();
    this.depth++;
    this.setActive(true);
  };

  readonly onDragOver = (e: DragEvent): void => {
    if (!this.enabled() || !dragHasFiles(e)) return;
    e.preventDefault(); // lets the drop happen here instead of the browser opening the file
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };

  readonly onDragLeave = (e: DragEvent): void => {
    if (!this.active || !dragHasFiles(e)) return;
    this.depth = Math.max(0, this.depth - 1);
    if (this.depth === 0) this.setActive(false);
  };

  readonly onDrop = (e: DragEvent): void => {
    if (!this.enabled() || !dragHasFiles(e)) return;
    e.preventDefault();
    this.depth = 0;
    this.setActive(false);
    const files = filesOf(e.dataTransfer);
    if (files.length) this.onFiles(files);
  };

  /**
   * A pasted screenshot or image becomes an attachment. When the clipboard also holds text (cells
   * copied from a spreadsheet come as text and a picture of them), the text wins and pastes as
   * usual: nothing the customer meant to type is swallowed.
   */
  readonly onPaste = (e: ClipboardEvent): void => {
    if (!this.enabled() || !e.clipboardData) return;
    const files = filesOf(e.clipboardData);
    if (files.length === 0 || e.clipboardData.types.includes('text/plain')) return;
    e.preventDefault();
    this.onFiles(files);
  };

  private setActive(active: boolean): void {
    if (this.active === active) return;
    this.active = active;
    if (!active) this.depth = 0;
    this.host.requestUpdate();
  }
}

/** What `dropTarget()` binds: a FileDropController, or its shape (a warm-up renders with no-ops). */
export type DropHandlers = Pick<FileDropController, 'active' | 'onDragEnter' | 'onDragOver' | 'onDragLeave' | 'onDrop' | 'onPaste'>;

/**
 * `<form ${dropTarget(drop, label)}>`: makes the element a drop target for `drop`: its drag and
 * paste listeners (added once; they call the handlers of the latest render), `data-dropping` while
 * files are dragged over it and `data-drop-label` for the styles' "drop here" text
 * (styles/attachments.ts). One binding for every form that takes files.
 */
class DropTargetDirective extends Directive {
  private drop?: DropHandlers;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('dropTarget() belongs on an element: <form ${dropTarget(drop, label)}>');
  }

  render(_drop: DropHandlers, _label: string): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [drop, label]: [DropHandlers, string]): typeof nothing {
    const el = part.element as HTMLElement;
    if (!this.drop) {
      el.addEventListener('dragenter', (e) => this.drop!.onDragEnter(e as DragEvent));
      el.addEventListener('dragover', (e) => this.drop!.onDragOver(e as DragEvent));
      el.addEventListener('dragleave', (e) => this.drop!.onDragLeave(e as DragEvent));
      el.addEventListener('drop', (e) => this.drop!.onDrop(e as DragEvent));
      el.addEventListener('paste', (e) => this.drop!.onPaste(e as ClipboardEvent));
    }
    this.drop = drop;
    el.toggleAttribute('data-dropping', drop.active);
    el.dataset['dropLabel'] = label;
    return nothing;
  }
}

export const dropTarget = directive(DropTargetDirective);
