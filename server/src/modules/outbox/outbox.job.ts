import type { JobQueue } from '../../jobs/job-queue';
import { OUTBOX_QUEUE, type OutboxDelivery } from './outbox-delivery';

/** Queues stranded messages again (never queued, or claimed by a process that died). */
export const OUTBOX_SWEEP_QUEUE = 'outbox-sweep';

/**
 * The outbox's workers: one job per message sends it (retried by the queue with backoff when the
 * send fails), and a sweep every five minutes picks up what no job is carrying.
 */
export async function startOutboxJobs(queue: JobQueue, outbox: OutboxDelivery, timeZone: string): Promise<void> {
  await queue.work<{ id: string }>(OUTBOX_QUEUE, ({ id }) => outbox.deliver(id));
  await queue.work(OUTBOX_SWEEP_QUEUE, async () => {
    await outbox.sweep();
  });
  await queue.schedule(OUTBOX_SWEEP_QUEUE, '*/5 * * * *', timeZone);
}
