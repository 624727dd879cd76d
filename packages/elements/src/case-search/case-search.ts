import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { isAbortError, statusLabel, type CaseRecord, type SortSpec } from '@case-portal/core';
import { CaseLinkingElement } from '../shared/case-linking-element.js';
import { search } from '../i18n/en/search.js';
import { addMessages } from '../i18n/en.js';
import { searchStyles } from './case-search.styles.js';

// This element's text joins the English catalog when its code loads (i18n/en.ts).
addMessages(search);

/** Fast enough to feel live, long enough to skip a request per keystroke of a quick typist. */
const DEBOUNCE_MS = 150;
const DEFAULT_LIMIT = 8;
const MAX_LIMIT = 50;
/** The case the customer touched last is the one they most likely look for. */
const SORT: SortSpec = { key: 'updatedAt', dir: 'desc' };

/** The matches for one keyword. */
interface SearchResult {
  keyword: string;
  items: CaseRecord[];
  total: number;
}

/** A failed search, already reported (case-error fired) when it was made: render shows it as is. */
class SearchFailure extends Error {}

/** Case numbers compare without surrounding space and case: "cs-001234 " finds "CS-001234". */
const normalize = (s: string): string => s.trim().toLowerCase();

/**
 * A search box for the viewer's cases by case number or subject: matches appear in a listbox popup
 * (WAI-ARIA 1.2 combobox); picking one, or Enter on an exact case number, opens the case.
 *
 * Opening fires `case-select`; unless prevented, a surrounding `<case-portal>` shows the case, or
 * (outside a portal) the page goes to `case-url` with `{id}` and `{number}` filled in.
 *
 * @fires case-select - a case was picked (cancelable: prevent it to open the case yourself)
 * @fires case-error - the search failed; detail.message is what the popup shows
 * @csspart label - the visible label
 * @csspart input - the text box (role combobox)
 * @csspart popup - the box under the input holding results or a message
 * @csspart listbox - the list of matches
 * @csspart option - one match
 * @csspart option-number - the case number in a match
 * @csspart option-subject - the subject in a match
 * @csspart status - the status chip in a match (data-category holds the status category)
 * @csspart status-text - "Searching…" in the popup
 * @csspart empty - "No case matches …"
 * @csspart error - the failure message in the popup
 * @csspart live - the visually hidden live region announcing counts, "no match" and failures
 *
 * @cssproperty [--case-popup-z-index=10] - stacking order of the popup over the page
 * @cssproperty [--case-popup-max-height=22rem] - the popup's height before it scrolls
 * @cssproperty [--case-popup-shadow=0 6px 18px rgb(0 0 0 / 0.16)] - the popup's shadow
 */
export class CaseSearch extends CaseLinkingElement {
  static override styles = [...CaseLinkingElement.styles, searchStyles];

  /** Hint inside the empty box. Default from the catalog ("Case number or subject"). */
  @property() placeholder?: string;
  /** Label text. Default from the catalog ("Find a case"). */
  @property() label?: string;
  /** Keep the label for assistive technology only (e.g. in a page header with its own heading). */
  @property({ type: Boolean, attribute: 'hide-label', reflect: true }) hideLabel = false;
  /** How many matches to show. */
  @property({ type: Number }) limit: number = DEFAULT_LIMIT;

  /** What is in the box; `keyword` is what was searched for (trimmed), applied after a pause. */
  @state() private draft = '';
  @state() private keyword = '';
  @state() private expanded = false;
  /** Index of the highlighted match (aria-activedescendant), -1 for none. */
  @state() private active = -1;
  @state() private lastResult?: SearchResult;

  private timer?: ReturnType<typeof setTimeout>;
  /** Enter was pressed on a number whose results are still on their way: open it when they come. */
  private enterFor: string | null = null;

  private readonly search = new Task(this, {
    task: async ([adapter, keyword, limit], { signal }): Promise<SearchResult | typeof initialState> => {
      if (!keyword) return initialState;
      if (!adapter) throw new SearchFailure(this.t('common.noBackend'));
      try {
        const page = await adapter.listCases({ keyword, limit, sort: SORT }, { signal });
        return { keyword, items: page.items.slice(0, limit), total: page.total };
      } catch (e) {
        // Stale work (aborted, or an adapter that ignored the signal) is neither shown nor reported.
        if (isAbortError(e) || signal.aborted) throw e;
        // Whether the backend's own message may be shown is the schema's call: wait for it if loading.
        const schema = this.setup.value?.schema ?? (await this.setup.taskComplete.catch(() => undefined))?.schema;
        if (signal.aborted) throw e;
        throw new SearchFailure(this.failureText(e, 'search', schema));
      }
    },
    args: () => [this.activeAdapter, this.keyword, this.effectiveLimit] as const,
    onComplete: (result) => {
      this.lastResult = result;
      this.active = -1;
      const pending = this.enterFor;
      this.enterFor = null;
      if (pending !== null && pending === normalize(this.draft)) {
        const exact = result.items.find((c) => normalize(c.number) === pending);
        if (exact) this.open(exact);
      }
    },
    onError: () => {
      // Matches of an older keyword must not come back when the next search starts.
      this.lastResult = undefined;
      this.active = -1;
      this.enterFor = null;
    },
  });

  /** Empties the box and closes the popup. */
  clear(): void {
    clearTimeout(this.timer);
    this.enterFor = null;
    this.draft = this.keyword = '';
    this.lastResult = undefined;
    this.expanded = false;
    this.active = -1;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private get effectiveLimit(): number {
    const n = Math.floor(Number(this.limit));
    return n > 0 ? Math.min(n, MAX_LIMIT) : DEFAULT_LIMIT;
  }

  /** The matches shown: the last result, while a newer one loads too (dimmed, no flash). */
  private get items(): CaseRecord[] {
    return this.keyword && this.search.status !== TaskStatus.ERROR ? (this.lastResult?.items ?? []) : [];
  }

  /** The popup shows once something was typed, until Escape, a pick or focus leaving. */
  private get popupOpen(): boolean {
    return this.expanded && (this.keyword !== '' || this.draft.trim() !== '');
  }

  private get searching(): boolean {
    const typed = this.draft.trim();
    return this.search.status === TaskStatus.PENDING || (typed !== '' && typed !== this.keyword);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.active >= this.items.length) this.active = -1;
  }

  protected override render(): TemplateResult {
    if (this.awaitingWords) return this.renderLoading();
    const items = this.items;
    const expanded = this.popupOpen;
    const activeId = expanded && this.active >= 0 ? `option-${this.active}` : undefined;
    return html`
      <label id="label" for="input" part="label" class=${this.hideLabel ? 'visually-hidden' : ''}
        >${this.label || this.t('search.label')}</label
      >
      <div class="control">
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          enterkeyhint="go"
          aria-autocomplete="list"
          aria-controls="listbox"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-activedescendant=${activeId ?? nothing}
          placeholder=${this.placeholder ?? this.t('search.placeholder')}
          .value=${this.draft}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @click=${this.onInputClick}
          @focusout=${this.onFocusOut}
        />
        <div
          part="popup"
          class="popup"
          ?hidden=${!expanded}
          aria-busy=${this.searching ? 'true' : 'false'}
          @mousedown=${this.keepFocus}
        >
          <ul id="listbox" part="listbox" role="listbox" aria-labelledby="label" ?hidden=${items.length === 0}>
            ${items.map((c, i) => this.renderOption(c, i))}
          </ul>
          ${expanded ? this.renderMessage(items) : nothing}
        </div>
      </div>
      <div part="live" class="visually-hidden" role="status" aria-live="polite">${this.liveText()}</div>
    `;
  }

  private renderOption(c: CaseRecord, i: number): TemplateResult {
    const selected = i === this.active;
    return html`<li
      id="option-${i}"
      part="option"
      class="option"
      role="option"
      aria-selected=${selected ? 'true' : 'false'}
      data-id=${c.id}
      @click=${() => this.open(c)}
    >
      <span part="option-number" class="number">${c.number}</span>
      <span part="option-subject" class="subject" dir="auto">${c.subject || this.t('search.noSubject')}</span>
      <span part="status" class="status" data-category=${c.status.category}>${statusLabel(c.status, this.setup.value?.schema)}</span>
    </li>`;
  }

  /** The popup's line when there are no matches to show: searching, a failure, or "no match". */
  private renderMessage(items: CaseRecord[]): TemplateResult | typeof nothing {
    if (items.length) return nothing;
    if (this.searching) return html`<p part="status-text" class="message hint">${this.t('search.searching')}</p>`;
    if (this.search.status === TaskStatus.ERROR) {
      return html`<p part="error" class="message error">${this.searchFailureText()}</p>`;
    }
    if (this.lastResult) {
      return html`<p part="empty" class="message hint">${this.t('search.empty', { query: this.lastResult.keyword })}</p>`;
    }
    return nothing;
  }

  /** Said once a search settles; empty while one runs, so the same count is announced again. */
  private liveText(): string {
    if (!this.keyword || this.searching) return '';
    if (this.search.status === TaskStatus.ERROR) return this.searchFailureText();
    const r = this.lastResult;
    if (!r || this.search.status !== TaskStatus.COMPLETE) return '';
    if (!r.items.length) return this.t('search.empty', { query: r.keyword });
    return this.t('search.results', { total: Math.max(r.total, r.items.length), shown: r.items.length });
  }

  private searchFailureText(): string {
    const e = this.search.error;
    return e instanceof SearchFailure ? e.message : this.t('error.server');
  }

  private onInput(e: Event): void {
    this.draft = (e.target as HTMLInputElement).value;
    this.enterFor = null;
    this.active = -1;
    this.expanded = this.draft.trim() !== '';
    clearTimeout(this.timer);
    if (!this.draft.trim()) {
      this.applyKeyword();
      return;
    }
    this.timer = setTimeout(() => this.applyKeyword(), DEBOUNCE_MS);
  }

  private applyKeyword(): void {
    clearTimeout(this.timer);
    const keyword = this.draft.trim();
    if (keyword === this.keyword) {
      // Same words after a failure: the next keystroke is the retry.
      if (keyword && this.search.status === TaskStatus.ERROR) void this.search.run();
      return;
    }
    this.keyword = keyword;
    if (!keyword) this.lastResult = undefined;
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.isComposing) return;
    const count = this.items.length;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!this.keyword && !this.draft.trim()) return;
        e.preventDefault();
        const wasOpen = this.popupOpen;
        this.expanded = true;
        // Alt+Down only opens; Alt+Up closes (APG).
        if (e.altKey) {
          if (e.key === 'ArrowUp') this.close();
          return;
        }
        if (!count) return;
        const down = e.key === 'ArrowDown';
        if (!wasOpen || this.active < 0) this.active = down ? 0 : count - 1;
        else this.active = (this.active + (down ? 1 : -1) + count) % count;
        this.scrollActiveIntoView();
        return;
      }
      case 'Enter': {
        const picked = this.popupOpen ? this.items[this.active] : undefined;
        if (picked) {
          e.preventDefault();
          this.open(picked);
          return;
        }
        this.openExactNumber(e);
        return;
      }
      case 'Escape':
        if (this.popupOpen) {
          e.preventDefault();
          this.close();
        } else if (this.draft) {
          e.preventDefault();
          this.clear();
        }
        return;
      case 'Home':
      case 'End':
      case 'ArrowLeft':
      case 'ArrowRight':
        // Text navigation, as in any text box; the highlight leaves the list.
        this.active = -1;
        return;
      default:
        return;
    }
  }

  /** Enter with no highlighted match: open the case whose number is exactly what was typed. */
  private openExactNumber(e: KeyboardEvent): void {
    const wanted = normalize(this.draft);
    if (!wanted) return;
    e.preventDefault();
    const exact = this.lastResult?.items.find((c) => normalize(c.number) === wanted);
    if (exact && this.search.status !== TaskStatus.ERROR) {
      this.open(exact);
      return;
    }
    // Typed faster than the search: search now, and open it if the answer has that number.
    const status = this.search.status;
    if (this.draft.trim() !== this.keyword || status === TaskStatus.PENDING || status === TaskStatus.ERROR) {
      this.enterFor = wanted;
      this.applyKeyword();
    }
  }

  private onInputClick(): void {
    if (this.draft.trim() && !this.expanded) this.expanded = true;
  }

  private onFocusOut(e: FocusEvent): void {
    const to = e.relatedTarget as Node | null;
    if (to && this.renderRoot.contains(to)) return;
    this.close();
  }

  /** A press on the popup must not take focus from the input (it would close the popup before the click). */
  private keepFocus(e: Event): void {
    e.preventDefault();
  }

  private close(): void {
    this.expanded = false;
    this.active = -1;
  }

  private scrollActiveIntoView(): void {
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    });
  }

  /** The URL `case-url` (or the page's) makes for a case, or null (inside a portal, no pattern, or a scheme safeUrl drops). */
  caseHref(c: Pick<CaseRecord, 'id' | 'number'>): string | null {
    return this.links.href(c);
  }

  private open(c: CaseRecord): void {
    this.clear();
    this.links.open(c);
  }
}
