/** Calendar dates (`YYYY-MM-DD`) in the user's time zone, for date inputs. */

const pad = (n: number) => String(n).padStart(2, '0');

export function localDate(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** `months` calendar months later, the day clamped to the month's end (31 Jan + 1 → 28/29 Feb), as the server counts. */
export function addMonths(iso: string, months: number): string {
  const at = new Date(iso);
  const target = new Date(at.getFullYear(), at.getMonth() + months, 1);
  const lastDay = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  target.setDate(Math.min(at.getDate(), lastDay));
  return localDate(target);
}

/** The day after a moment's day. */
export function dayAfter(iso: string): string {
  const at = new Date(iso);
  return localDate(new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1));
}
