import type { JobQueue } from '../../jobs/job-queue';
import { APPLY_QUEUE, type CustomerImportsService } from './customer-imports.service';

/** P7: applying a customer list's dry run, batch by batch, in whichever process works the queue. */
export async function startCustomerImportJobs(queue: JobQueue, imports: CustomerImportsService): Promise<void> {
  await queue.work<{ importId: string }>(APPLY_QUEUE, ({ importId }) => imports.runApply(importId));
}
