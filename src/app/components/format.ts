/** Number and date formats shared by the pages. */
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export function formatMoney(n: number): string {
  return money.format(n);
}

/** A count with thousands separators: "100,060". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Whole days from `today` to an ISO date (negative when past), or undefined for no date. */
export function daysUntil(iso: string, today: Date = new Date()): number | undefined {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (!iso || Number.isNaN(t)) return undefined;
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((t - start) / 86_400_000);
}

/** "in 12 days", "today", "3 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}
