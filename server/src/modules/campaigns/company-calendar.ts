import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Clock } from '../../clock';

/**
 * Time for campaigns: the injectable clock, and the company's calendar (config.timeZone). A day
 * (an opt-out list in force, "no order for 30 days") is a day there, never the database server's
 * `current_date` or `now()`.
 */
export class CompanyCalendar {
  constructor(
    private readonly clock: Clock,
    readonly timeZone: string,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** Today's calendar date in the company's zone, YYYY-MM-DD. */
  today(at: Date = this.clock.now()): string {
    return format(new TZDate(at.getTime(), this.timeZone), 'yyyy-MM-dd');
  }

  /** What a segment is judged against now. */
  segmentTime(): { now: Date; timeZone: string } {
    return { now: this.clock.now(), timeZone: this.timeZone };
  }
}
