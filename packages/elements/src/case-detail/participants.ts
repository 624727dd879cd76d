import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  participantLimit,
  RequestKey,
  toAdapterError,
  type Availability,
  type CaseAdapter,
  type CaseRecord,
  type ParticipantInput,
  type PersonRef,
  type PortalSchema,
} from '@case-portal/core';
import type { DetailView } from './view.js';
import type { Translate } from '../shared/field-controls.js';

export interface ParticipantDeps {
  /** The failure's text (fires `case-error` once): the one failure path. */
  report(e: unknown, operation: string): string;
  /** The case after a change: the element shows it, announces and tells the host. */
  changed(updated: CaseRecord, text: string): void;
  t: Translate;
}

/**
 * People copied on the case: add by address or pick a colleague, remove. One request at a time,
 * each with its own idempotency key until it succeeds (a retry never adds twice); a failure's text
 * stays under the form until the next attempt. Colleagues are asked of the adapter once per case.
 */
export class ParticipantEditor {
  busy = false;
  error = '';
  email = '';
  colleagues: PersonRef[] | null = null;
  private readonly key = new RequestKey();
  private colleaguesFor = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: ParticipantDeps,
  ) {}

  /** Loads the colleagues to pick from, when the schema and the adapter offer them. */
  loadColleagues(adapter: CaseAdapter, schema: PortalSchema, caseId: string): void {
    if (!schema.participants?.colleagues || !adapter.listColleagues || this.colleaguesFor === caseId) return;
    this.colleaguesFor = caseId;
    adapter.listColleagues().then(
      (people) => {
        if (this.colleaguesFor !== caseId) return;
        this.colleagues = people;
        this.host.requestUpdate();
      },
      // Without the list the address field still works; the failure is not the customer's to fix.
      () => undefined,
    );
  }

  async add(adapter: CaseAdapter, c: CaseRecord, input: ParticipantInput): Promise<void> {
    if (this.busy || !adapter.addParticipant) return;
    await this.run('addParticipant', () => adapter.addParticipant!(c.id, input, { idempotencyKey: this.key.for({ caseId: c.id, add: input }) }), (updated) => {
      const added = updated.contacts?.find((p) => !c.contacts?.some((q) => q.id === p.id));
      if ('email' in input) this.email = '';
      return this.deps.t('detail.participants.added', { name: added?.name ?? '' });
    });
  }

  async remove(adapter: CaseAdapter, c: CaseRecord, person: PersonRef): Promise<void> {
    if (this.busy || !adapter.removeParticipant) return;
    await this.run('removeParticipant', () => adapter.removeParticipant!(c.id, person.id, { idempotencyKey: this.key.for({ caseId: c.id, remove: person.id }) }), () =>
      this.deps.t('detail.participants.removed', { name: person.name }),
    );
  }

  /**
   * The section for this case, its controls bound to this editor. Only an adapter that can change
   * the list gets the controls, whatever the policy says.
   */
  render(adapter: CaseAdapter, c: CaseRecord, schema: PortalSchema, allowed: Availability, v: DetailView): TemplateResult | typeof nothing {
    const manage: Availability = adapter.addParticipant && adapter.removeParticipant ? allowed : { allowed: false, reason: 'feature-off' };
    if (manage.allowed) this.loadColleagues(adapter, schema, c.id);
    return renderParticipants(c, schema, manage, this, v, {
      typed: (email) => {
        this.email = email;
        this.host.requestUpdate();
      },
      addEmail: (e) => {
        e.preventDefault();
        if (this.email.trim()) void this.add(adapter, c, { email: this.email.trim() });
      },
      addColleague: (id) => void this.add(adapter, c, { id }),
      remove: (person) => void this.remove(adapter, c, person),
    });
  }

  /** Another case: nothing typed or failed for the last one stays. */
  reset(): void {
    this.busy = false;
    this.error = '';
    this.email = '';
    this.colleagues = null;
    this.colleaguesFor = '';
    this.key.reset();
  }

  private async run(operation: string, call: () => Promise<CaseRecord>, done: (updated: CaseRecord) => string): Promise<void> {
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const updated = await call();
      this.key.reset();
      this.deps.changed(updated, done(updated));
    } catch (e) {
      const text = this.deps.report(e, operation);
      // The backend's word on the address itself ("no one uses it", "copied already") says what to
      // fix, as a create form's field errors do; anything else gets the element's usual text.
      const error = toAdapterError(e);
      this.error = (error.code === 'validation' && (error.fieldErrors['participant'] ?? error.fieldErrors['participants'])) || text;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}

export interface ParticipantHandlers {
  typed(email: string): void;
  addEmail(e: Event): void;
  addColleague(id: string): void;
  remove(person: PersonRef): void;
}

/**
 * The people copied on the case, by name (an address only where the backend gave one: to the
 * requester and to the person themselves), with the requester's add and remove controls when the
 * policy allows them. Nothing when no one is copied and no one may be.
 */
export function renderParticipants(
  c: CaseRecord,
  schema: PortalSchema,
  manage: Availability,
  editor: ParticipantEditor,
  v: DetailView,
  on: ParticipantHandlers,
): TemplateResult | typeof nothing {
  const people = c.contacts ?? [];
  const may = manage.allowed;
  if (!people.length && !may) return nothing;
  const t = v.i18n.t.bind(v.i18n);
  const limit = participantLimit(c, schema);
  const pickable = (editor.colleagues ?? []).filter((p) => p.id !== c.requester.id && !people.some((q) => q.id === p.id));
  return html`<section part="participants" aria-labelledby="participants-h">
    <h3 id="participants-h">${t('detail.participants')}</h3>
    ${people.length
      ? html`<ul class="participants" part="participant-list">
          ${people.map(
            (p) => html`<li part="participant">
              <span class="name" dir="auto">${p.name}</span>
              ${p.email ? html`<span class="hint" dir="auto">${p.email}</span>` : nothing}
              ${may
                ? html`<button type="button" class="link" part="participant-remove" ?disabled=${editor.busy}
                    aria-label=${t('detail.participants.remove', { name: p.name })} @click=${() => on.remove(p)}>
                    ${t('detail.participants.removeShort')}
                  </button>`
                : nothing}
            </li>`,
          )}
        </ul>`
      : html`<p class="hint">${t('detail.participants.none')}</p>`}
    ${may && limit.allowed
      ? html`<form part="participant-form" class="participant-form" novalidate @submit=${on.addEmail}>
          <label for="participant-email">${t('detail.participants.email')}</label>
          <div class="participant-row">
            <input id="participant-email" type="email" autocomplete="off" .value=${editor.email} ?disabled=${editor.busy}
              aria-describedby=${editor.error ? 'participant-error' : nothing} aria-invalid=${editor.error ? 'true' : 'false'}
              @input=${(e: Event) => on.typed((e.target as HTMLInputElement).value)} />
            <button type="submit" part="participant-add" ?disabled=${editor.busy || !editor.email.trim()}>${t('detail.participants.add')}</button>
          </div>
          ${pickable.length
            ? html`<label for="participant-colleague">${t('detail.participants.colleague')}</label>
                <select id="participant-colleague" part="participant-colleague" ?disabled=${editor.busy}
                  @change=${(e: Event) => {
                    const select = e.target as HTMLSelectElement;
                    if (select.value) on.addColleague(select.value);
                    select.value = '';
                  }}>
                  <option value="">${t('detail.participants.pick')}</option>
                  ${pickable.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
                </select>`
            : nothing}
          ${editor.error ? html`<p id="participant-error" class="error" part="participant-error" role="alert">${editor.error}</p>` : nothing}
        </form>`
      : may && !limit.allowed && limit.reason === 'participants-full'
        ? html`<p class="hint" part="participant-limit">${t('deny.participants-full', limit.params ?? {})}</p>`
        : nothing}
  </section>`;
}
