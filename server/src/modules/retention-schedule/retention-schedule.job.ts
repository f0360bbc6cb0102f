import type { JobQueue } from '../../jobs/job-queue';
import type { RetentionSchedule } from './retention-schedule';

/** Storage limitation (P10): the nightly run of the retention schedule. */
export const RETENTION_SCHEDULE_QUEUE = 'retention-schedule';

export async function startRetentionScheduleJobs(queue: JobQueue, schedule: RetentionSchedule, timeZone: string): Promise<void> {
  await queue.work(RETENTION_SCHEDULE_QUEUE, async () => {
    await schedule.proposeInactive();
  });
  await queue.schedule(RETENTION_SCHEDULE_QUEUE, '30 3 * * *', timeZone);
}
