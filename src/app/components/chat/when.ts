/** Short, local times for messages: "14:05" today, "Yesterday 14:05", "3 Dec, 14:05", "3 Dec 2025". */
export function formatWhen(iso: string | undefined, now = new Date(), locale?: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const time = at.toLocaleTimeString(locale, { timeStyle: 'short' });
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(now) - day(at)) / 86_400_000);
  if (days === 0) return time;
  if (days === 1) return `Yesterday ${time}`;
  if (at.getFullYear() === now.getFullYear()) return `${at.toLocaleDateString(locale, { day: 'numeric', month: 'short' })}, ${time}`;
  return at.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The full date and time, for a tooltip. */
export function fullWhen(iso: string | undefined, locale?: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : at.toLocaleString(locale, { dateStyle: 'full', timeStyle: 'short' });
}
