import { TZDate } from '@date-fns/tz';
import { addMonths, addYears, differenceInCalendarDays, endOfDay, endOfMonth, format } from 'date-fns';

/**
 * The calendar of data-subject requests and of accounting retention, in the company's time zone:
 * a deadline or a retention date is a calendar day there, not a UTC instant.
 */
export class Deadlines {
  constructor(
    private readonly timeZone: string,
    private readonly financialYearStartMonth = 1,
  ) {}

  private local(at: Date): TZDate {
    return new TZDate(at.getTime(), this.timeZone);
  }

  /** GDPR 12(3): one calendar month after receipt, to the end of that day (31 Jan -> 28/29 Feb). */
  firstDueAt(receivedAt: Date): Date {
    return new Date(endOfDay(addMonths(this.local(receivedAt), 1)).getTime());
  }

  /** The furthest an extension may move the deadline: two further months. */
  latestExtension(receivedAt: Date): Date {
    return new Date(endOfDay(addMonths(this.local(receivedAt), 3)).getTime());
  }

  /** The end of the given calendar day (YYYY-MM-DD) here. */
  endOfDate(date: string): Date {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(endOfDay(new TZDate(y, m - 1, d, this.timeZone)).getTime());
  }

  /** Whole calendar days from today to the due day; negative when overdue. */
  daysLeft(dueAt: Date, now: Date): number {
    return differenceInCalendarDays(this.local(dueAt), this.local(now));
  }

  /** Today's calendar date here, YYYY-MM-DD. */
  today(now: Date): string {
    return this.dateOf(now);
  }

  dateOf(at: Date): string {
    return format(this.local(at), 'yyyy-MM-dd');
  }

  /** The last day of the financial year in which `at` falls (the calendar year unless configured). */
  financialYearEnd(at: Date): TZDate {
    const local = this.local(at);
    const start = this.financialYearStartMonth - 1; // 0-based month the year starts in
    if (start === 0) return endOfMonth(new TZDate(local.getFullYear(), 11, 1, this.timeZone));
    const endYear = local.getMonth() >= start ? local.getFullYear() + 1 : local.getFullYear();
    return endOfMonth(new TZDate(endYear, start - 1, 1, this.timeZone));
  }

  /**
   * Kirjanpitolaki 2:10: vouchers (orders, invoices) are kept six years from the end of the year
   * in which the financial year ended. Returns the last day they must be kept.
   */
  voucherRetainedUntil(at: Date): string {
    const yearEnded = this.financialYearEnd(at).getFullYear();
    return `${yearEnded + 6}-12-31`;
  }

  /** Kirjanpitolaki 2:10: the books are kept ten years from the end of the financial year. */
  bookRetainedUntil(at: Date): string {
    return format(endOfMonth(addYears(this.financialYearEnd(at), 10)), 'yyyy-MM-dd');
  }

  /** The calendar date `years` from today (29 Feb -> 28 Feb). */
  yearsFromToday(now: Date, years: number): string {
    return format(addYears(this.local(now), years), 'yyyy-MM-dd');
  }

  /** A retention date has lapsed once its day is over. */
  lapsed(until: string, now: Date): boolean {
    return this.today(now) > until;
  }
}
