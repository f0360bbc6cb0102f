import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import { many } from '../db/sql';
import type { Logger } from '../logger';

/** How a job is retried when its handler throws: `retryLimit` more times, with exponential backoff from `retryDelay` seconds. */
export interface JobRetry {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  expireInSeconds: number;
}

/**
 * Background jobs on a PostgreSQL-backed queue (pg-boss), through the application's own pool: the
 * embedded database gets no second connection, and with a server database every process works the
 * same queue, so jobs and their progress survive a restart and scale out.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private started = false;
  /** Statements pg-boss has in flight: it completes a job without awaiting it, so stop() waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();

  private readonly works: boolean;
  private readonly processName: string;

  /**
   * `works: false` (ROLE=web): this process queues jobs but runs none, and leaves the schedules to the workers.
   * `processName` goes into the log line of every job this process runs.
   */
  constructor(
    db: DataSource,
    private readonly logger: Logger,
    options: { works?: boolean; processName?: string } = {},
  ) {
    this.works = options.works ?? true;
    this.processName = options.processName ?? `pid:${process.pid}`;
    this.boss = new PgBoss({
      // Through TypeORM's public query path, on a pooled connection released after each statement.
      db: {
        executeSql: (text, values) => {
          const statement = many(db, text, values).then((rows) => ({ rows }));
          this.inFlight.add(statement);
          const settled = () => this.inFlight.delete(statement);
          statement.then(settled, settled);
          return statement;
        },
      },
      schedule: this.works,
      supervise: true,
      maintenanceIntervalSeconds: 300,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /** Whether this process works the queue (between start() and stop()); readiness asks. */
  get running(): boolean {
    return this.started;
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
  }

  /** Runs `handler` for each job of the queue, one at a time per process. */
  /** Whether this process runs jobs (ROLE=worker or all). */
  get worksJobs(): boolean {
    return this.works;
  }

  /** Runs `handler` for each job of the queue, one at a time per process; a web-only process just declares the queue. */
  async work<T extends object>(queue: string, handler: (data: T) => Promise<void>): Promise<void> {
    await this.boss.createQueue(queue);
    if (!this.works) return;
    await this.boss.work<T>(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) {
        const started = Date.now();
        try {
          await handler(job.data);
        } catch (error) {
          this.logger.warn({ queue, jobId: job.id, process: this.processName, err: error }, 'job failed');
          throw error;
        }
        this.logger.info({ queue, jobId: job.id, process: this.processName, ms: Date.now() - started }, 'job done');
      }
    });
  }

  /** Runs the queue's handler on a cron schedule; every process may declare it, pg-boss runs it once. */
  async schedule(queue: string, cron: string, tz: string): Promise<void> {
    if (!this.works) return;
    await this.boss.schedule(queue, cron, {}, { tz });
  }

  async send(queue: string, data: object): Promise<string> {
    const id = await this.boss.send(queue, data, { retryLimit: 2, retryDelay: 5, expireInMinutes: 30 });
    if (!id) throw new Error(`could not queue a ${queue} job`);
    return id;
  }

  /**
   * Queues a job inside the caller's transaction: it exists if and only if the transaction commits,
   * so work recorded there (an outbox message) can never lose its job. Null when the queue does not
   * exist yet (no worker has declared it); the caller's sweep queues it later.
   */
  async sendInTransaction(tx: EntityManager, queue: string, data: object, options: JobRetry): Promise<string | null> {
    return this.boss.send(queue, data, {
      ...options,
      db: { executeSql: (text, values) => many(tx, text, values).then((rows) => ({ rows })) },
    });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    await Promise.allSettled([...this.inFlight]);
    this.started = false;
  }
}
