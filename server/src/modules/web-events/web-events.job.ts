import type { JobQueue } from '../../jobs/job-queue';
import type { WebEventsService } from './web-events.service';

/** P13: the nightly purge of web events past their retention period. */
export const WEB_EVENTS_PURGE_QUEUE = 'web-events-purge';

export async function startWebEventJobs(queue: JobQueue, webEvents: WebEventsService, timeZone: string): Promise<void> {
  await queue.work(WEB_EVENTS_PURGE_QUEUE, async () => {
    await webEvents.purge();
  });
  await queue.schedule(WEB_EVENTS_PURGE_QUEUE, '40 2 * * *', timeZone);
}
