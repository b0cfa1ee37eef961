/** The phone navigation menu: a disclosure that closes on navigation and on Escape. */
export class NavMenu {
  open = $state(false);
  /** The toggle button, to give focus back when Escape closes the menu. */
  button = $state<HTMLButtonElement | undefined>();

  toggle(): void {
    this.open = !this.open;
  }

  close(): void {
    this.open = false;
  }

  onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    this.open = false;
    this.button?.focus();
  }
}
