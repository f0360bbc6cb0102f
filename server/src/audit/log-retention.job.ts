import type { JobQueue } from '../jobs/job-queue';
import type { LogRetention } from './log-retention';

/** Storage limitation: the nightly purge of the audit trail and the consultation log past their retention. */
export const AUDIT_LOG_PURGE_QUEUE = 'audit-log-purge';

export async function startLogRetentionJobs(queue: JobQueue, logRetention: LogRetention, timeZone: string): Promise<void> {
  await queue.work(AUDIT_LOG_PURGE_QUEUE, async () => {
    await logRetention.purge();
  });
  await queue.schedule(AUDIT_LOG_PURGE_QUEUE, '50 2 * * *', timeZone);
}
