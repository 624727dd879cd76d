import { AsyncDirective, directive } from 'lit/async-directive.js';

/**
 * `?disabled=${heldUntil(at)}`: true until the moment `at` (epoch ms), then false without a render
 * of the host: a Retry button after "Too many requests, try again in 20 seconds" comes back on its
 * own. `alsoWhen` keeps it disabled for the caller's own reason too. No timer runs while the part
 * is off the page.
 */
class HeldUntil extends AsyncDirective {
  private at: number | undefined;
  private alsoWhen = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  render(at: number | undefined, alsoWhen = false): boolean {
    this.alsoWhen = alsoWhen;
    if (at !== this.at) {
      this.at = at;
      this.schedule();
    }
    return alsoWhen || this.held();
  }

  private held(): boolean {
    return this.at !== undefined && Date.now() < this.at;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const at = this.at;
    if (at === undefined || !this.isConnected) return;
    const wait = at - Date.now();
    if (wait <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.at === at) this.setValue(this.alsoWhen);
    }, wait + 1);
  }

  protected override disconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  protected override reconnected(): void {
    this.setValue(this.alsoWhen || this.held());
    this.schedule();
  }
}

export const heldUntil = directive(HeldUntil);
