/**
 * Where an adapter's repaired values are reported (core/backend-values.ts): each distinct problem
 * once, to the console (a developer sees it even when no element listens) and to one listener,
 * the first still listening (elements fire `case-error` from it). Problems found before anyone
 * listened wait for the first listener.
 */
import type { BackendProblem } from '@case-portal/core';

type Listener = (problem: BackendProblem) => void;

/** A backend that sends one bad value per record could send thousands: past this, only the console. */
const MAX_WAITING = 50;

export class BackendProblems {
  readonly #seen = new Set<string>();
  readonly #listeners: Listener[] = [];
  readonly #waiting: BackendProblem[] = [];

  report(problem: BackendProblem): void {
    if (this.#seen.has(problem.message)) return;
    this.#seen.add(problem.message);
    console.warn(`[case-portal] unusable value from the backend: ${problem.message}`);
    const first = this.#listeners[0];
    if (first) first(problem);
    else if (this.#waiting.length < MAX_WAITING) this.#waiting.push(problem);
  }

  listen(listener: Listener): () => void {
    this.#listeners.push(listener);
    if (this.#listeners.length === 1) for (const p of this.#waiting.splice(0)) listener(p);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i !== -1) this.#listeners.splice(i, 1);
    };
  }
}
