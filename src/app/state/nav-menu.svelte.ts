/** The phone navigation menu: a disclosure that closes on navigation and on Escape. */
export class NavMenu {
  open = $state(false);
  /** The toggle button, to give focus back when Escape closes the menu. */
  button = $state<HTMLButtonElement | undefined>();
  /** The menu panel, so a tap outside it closes it. */
  panel = $state<HTMLElement | undefined>();

  toggle(): void {
    this.open = !this.open;
  }

  close(): void {
    this.open = false;
  }

  /** A tap or click outside the panel and its button closes the menu. */
  onPointer(event: PointerEvent): void {
    if (!this.open || !(event.target instanceof Node)) return;
    if (this.panel?.contains(event.target) || this.button?.contains(event.target)) return;
    this.open = false;
  }

  onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    this.open = false;
    this.button?.focus();
  }
}
