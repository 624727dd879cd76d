import type { ReactiveController, ReactiveControllerHost } from 'lit';

// The table's row keys come with the window (its chunk arrives the frame after the first rows).
export { RowSlots } from './row-slots.js';

/** No rendering update (and so no ResizeObserver callback) within this: a background tab; measure by hand. */
const MEASURE_FALLBACK_MS = 100;

/** The items to render and the space the others would take above and below them. */
export interface WindowRange {
  start: number;
  end: number;
  /** Pixels of the items before `start` (a spacer keeps the scroll height true). */
  before: number;
  /** Pixels of the items from `end` on. */
  after: number;
}

export interface VirtualWindowOptions {
  /** The element the items are laid out in (a tbody, a list): its top is item 0's top. */
  container: () => Element | null | undefined;
  /** Rendered items carry `data-index`; the controller watches their sizes (ResizeObserver). */
  itemSelector?: string;
  /** Extra pixels rendered above and below the viewport, so fast scrolling shows no gaps. */
  overscanPx?: number;
  /** Never more items than this, whatever the viewport: the DOM stays bounded on huge screens. */
  maxItems?: number;
  /** Height assumed for items not measured yet, until some are. */
  estimatePx?: number;
  /** Called when the user scrolled to within `overscanPx` of the last item (load the next page). */
  onNearEnd?: () => void;
}

/**
 * Windowed rendering in the page's own scroll: only the items near the viewport are in the DOM,
 * with spacers for the rest, so 100,000 loaded rows cost as much DOM as fifty.
 *
 * Written here instead of using @lit-labs/virtualizer because that positions children absolutely,
 * which breaks a real <table> (column widths, row semantics for screen readers). Items may differ in
 * height (a CMS editor's card template, phone cards): a ResizeObserver reports each rendered item's
 * height after the browser's own layout, so a render never forces a layout of its own (reading
 * sizes in `updated()` did, twice per keystroke), and a size that changes without a render (a font,
 * an image in a card) is noticed too. Unmeasured items are estimated from the average; a new result
 * keeps the last average as its estimate, so rows as tall as before move nothing.
 */
export class VirtualWindowController implements ReactiveController {
  range: WindowRange = { start: 0, end: 0, before: 0, after: 0 };

  private count = 0;
  private heights: number[] = [];
  private measuredSum = 0;
  private measuredCount = 0;
  private frame = 0;
  private fallback?: ReturnType<typeof setTimeout>;
  /** A scroll (not a resize or a measurement) is waiting for the next frame: only that loads more. */
  private pendingByUser = false;
  private resizeObserver?: ResizeObserver;
  /** Watches the rendered items' sizes. */
  private itemObserver?: ResizeObserver;
  private observed = new Set<Element>();
  private measureTimer?: ReturnType<typeof setTimeout>;
  /** The estimate carried over from the previous result (reset forgets the heights, not the layout). */
  private priorEstimate?: number;
  /**
   * Where the container was and how tall the viewport, as last read (in a frame, or after a scroll
   * or resize); `top` undefined: not laid out. A render computes from this instead of reading layout,
   * which would force a style + layout in the middle of every keystroke's update.
   */
  private view?: { top?: number; height: number };
  /** A scroll or resize since `view` was read: the next render reads it again. */
  private moved = true;
  private readonly options: Required<Omit<VirtualWindowOptions, 'onNearEnd'>> & Pick<VirtualWindowOptions, 'onNearEnd'>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    options: VirtualWindowOptions,
  ) {
    this.options = { itemSelector: '[data-index]', overscanPx: 600, maxItems: 90, estimatePx: 44, ...options };
    host.addController(this);
  }

  hostConnected(): void {
    // Capture: scroll events do not bubble, but every scroller in the document passes through here.
    window.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    window.addEventListener('resize', this.onResize, { passive: true });
    this.resizeObserver = new ResizeObserver(() => this.schedule(false));
    this.resizeObserver.observe(this.host);
    this.itemObserver = new ResizeObserver((entries) => this.onItemsResized(entries));
  }

  /** After each render: watch the items that came, forget those that went (no layout is read here). */
  hostUpdated(): void {
    const observer = this.itemObserver;
    if (!observer) return;
    const container = this.options.container();
    const current = new Set<Element>(container ? container.querySelectorAll(this.options.itemSelector) : []);
    let added = false;
    for (const el of current) {
      if (this.observed.has(el)) continue;
      observer.observe(el);
      added = true;
    }
    for (const el of this.observed) if (!current.has(el)) observer.unobserve(el);
    this.observed = current;
    // New items owe a first size report; a tab that gets no rendering updates never sends it.
    if (added && this.measureTimer === undefined) {
      this.measureTimer = setTimeout(() => {
        this.measureTimer = undefined;
        this.measure();
      }, MEASURE_FALLBACK_MS);
    }
  }

  hostDisconnected(): void {
    window.removeEventListener('scroll', this.onScroll, { capture: true });
    window.removeEventListener('resize', this.onResize);
    this.resizeObserver?.disconnect();
    this.itemObserver?.disconnect();
    this.itemObserver = undefined;
    this.observed.clear();
    clearTimeout(this.measureTimer);
    this.measureTimer = undefined;
    cancelAnimationFrame(this.frame);
    clearTimeout(this.fallback);
    this.frame = 0;
  }

  /**
   * Sets the number of items before a render and returns the range to render. `reset` forgets the
   * measured heights (a new query: other items, maybe another layout).
   */
  update(count: number, reset = false): WindowRange {
    if (reset) {
      if (this.measuredCount) this.priorEstimate = this.estimate;
      this.heights = [];
      this.measuredSum = 0;
      this.measuredCount = 0;
    }
    if (count !== this.count || reset) {
      this.count = count;
      this.heights.length = Math.min(this.heights.length, count);
      this.range = this.compute(true);
      // Laid out from what was last read: the next frame checks it against the real layout (read
      // there, it is the frame's own layout done a little earlier, not a second one).
      this.schedule(false);
    }
    return this.range;
  }

  /** A scroll that happened before this controller listened (its code loads after the first rows): handled as if it came now. */
  scrolled(): void {
    this.onScroll();
  }

  /** The sizes the browser reported after its layout: nothing is forced. */
  private onItemsResized(entries: ResizeObserverEntry[]): void {
    // Rendering updates are coming: the fallback is not needed.
    clearTimeout(this.measureTimer);
    this.measureTimer = undefined;
    let changed = false;
    for (const entry of entries) {
      const box = entry.borderBoxSize?.[0];
      const h = box ? box.blockSize : entry.target.getBoundingClientRect().height;
      if (this.record(entry.target as HTMLElement, h)) changed = true;
    }
    // The next frame, not this one: rows rendered from inside a ResizeObserver callback would only
    // be reported a frame later anyway, with a "loop completed" error on the way.
    if (changed) this.schedule(false);
  }

  /** Measures the rendered items by reading their boxes: for tabs without rendering updates. */
  private measure(): void {
    const container = this.options.container();
    if (!container) return;
    let changed = false;
    for (const el of container.querySelectorAll<HTMLElement>(this.options.itemSelector)) {
      if (this.record(el, el.getBoundingClientRect().height)) changed = true;
    }
    if (changed) this.schedule(false);
  }

  /** Stores an item's height; true when that moves the window (it differs from what was assumed). */
  private record(el: HTMLElement, h: number): boolean {
    const i = Number(el.dataset.index);
    if (!Number.isInteger(i) || i < 0 || i >= this.count || !(h > 0)) return false;
    const old = this.heights[i];
    if (old === h) return false;
    const assumed = this.height(i);
    if (old === undefined) this.measuredCount++;
    else this.measuredSum -= old;
    this.measuredSum += h;
    this.heights[i] = h;
    return h !== assumed || this.estimate !== assumed;
  }

  /** Average measured height: the best guess for the rest (the last result's until this one has some). */
  private get estimate(): number {
    return this.measuredCount ? this.measuredSum / this.measuredCount : (this.priorEstimate ?? this.options.estimatePx);
  }

  private onScroll = () => {
    this.moved = true;
    this.schedule(true);
  };
  /** A resize moves the window but loads nothing: only the reader's scrolling asks for more. */
  private onResize = () => {
    this.moved = true;
    this.schedule(false);
  };

  private schedule(byUser: boolean): void {
    if (this.frame) {
      this.pendingByUser ||= byUser;
      return;
    }
    this.pendingByUser = byUser;
    // A frame, or a timer when no frame comes (a background tab gets none): whichever is first.
    const run = () => {
      cancelAnimationFrame(this.frame);
      clearTimeout(this.fallback);
      this.frame = 0;
      const next = this.compute();
      if (!sameRange(next, this.range)) {
        this.range = next;
        this.host.requestUpdate();
      }
      if (this.pendingByUser && this.count && next.end >= this.count && this.options.onNearEnd) {
        const container = this.options.container();
        const bottom = container?.getBoundingClientRect().bottom ?? Infinity;
        if (bottom - window.innerHeight < this.options.overscanPx) this.options.onNearEnd();
      }
    };
    this.frame = requestAnimationFrame(run);
    this.fallback = setTimeout(run, 100);
  }

  /** The range for the current geometry: read now, or (`reuse`, in a render) as last read unless moved since. */
  private compute(reuse = false): WindowRange {
    const n = this.count;
    if (n === 0) return { start: 0, end: 0, before: 0, after: 0 };
    if (!reuse || this.moved || !this.view) {
      const rect = this.options.container()?.getBoundingClientRect();
      this.moved = false;
      this.view = { top: !rect || (rect.height === 0 && rect.top === 0 && rect.bottom === 0) ? undefined : rect.top, height: window.innerHeight };
    }
    const { top: at, height: viewport } = this.view;
    const est = this.estimate;
    const { overscanPx, maxItems } = this.options;
    // Not laid out yet (first render, hidden), or still below the fold: the first screenful, so
    // the top of the list is ready when it scrolls into view (and find-in-page has something).
    if (at === undefined || at >= viewport) {
      const end = Math.min(n, Math.ceil((viewport + overscanPx) / est), maxItems);
      return { start: 0, end, before: 0, after: this.sum(end, n) };
    }
    const top = Math.max(0, -at - overscanPx);
    const bottom = Math.max(0, viewport - at + overscanPx);
    let start = 0;
    let y = 0;
    while (start < n && y + this.height(start) <= top) y += this.height(start++);
    if (start >= n) {
      // Scrolled past the end (the list just shrank): show the last items rather than nothing.
      let s = n;
      let h = 0;
      while (s > 0 && h < viewport && n - s < maxItems) h += this.height(--s);
      return { start: s, end: n, before: this.sum(0, s), after: 0 };
    }
    const before = y;
    let end = start;
    while (end < n && y < bottom && end - start < maxItems) y += this.height(end++);
    return { start, end, before, after: this.sum(end, n) };
  }

  private height(i: number): number {
    return this.heights[i] ?? this.estimate;
  }

  private sum(from: number, to: number): number {
    let s = 0;
    for (let i = from; i < to; i++) s += this.height(i);
    return s;
  }
}

function sameRange(a: WindowRange, b: WindowRange): boolean {
  return a.start === b.start && a.end === b.end && Math.abs(a.before - b.before) < 1 && Math.abs(a.after - b.after) < 1;
}
