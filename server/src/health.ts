import express from 'express';
import type { DataSource } from 'typeorm';
import type { Database } from './db/database';
import { execute } from './db/sql';
import type { JobQueue } from './jobs/job-queue';
import type { Logger } from './logger';

export interface HealthSources {
  db: DataSource;
  kind: Database['kind'];
  queue: JobQueue;
  logger: Logger;
  /** True once shutdown has begun: the load balancer should stop sending requests. */
  draining(): boolean;
}

async function databaseUp(db: DataSource): Promise<boolean> {
  try {
    await execute(db, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** Why this process cannot serve requests now, or null when it can. */
async function notReadyBecause({ db, queue, draining }: HealthSources): Promise<string | null> {
  if (draining()) return 'shutting down';
  if (!(await databaseUp(db))) return 'database unreachable';
  if (await db.showMigrations().catch(() => true)) return 'migrations pending';
  if (!queue.running) return 'job queue stopped';
  return null;
}

/**
 * `/healthz`: the process lives (a liveness probe; it reports the database but does not fail on it,
 * so an outage of the database restarts nothing). `/readyz`: the process can serve, i.e. the
 * database is reachable, every migration applied and the job queue running; 503 with the reason
 * when not. Neither needs a session nor counts against a rate limit.
 */
export function healthRoutes(sources: HealthSources): express.Router {
  const router = express.Router();
  router.get('/healthz', async (_req, res) => {
    const up = await databaseUp(sources.db);
    res.json({ status: 'ok', database: { state: up ? 'up' : 'down', kind: sources.kind } });
  });
  router.get('/readyz', async (_req, res) => {
    const reason = await notReadyBecause(sources);
    if (reason) {
      sources.logger.warn({ reason }, 'not ready');
      res.status(503).json({ status: 'unavailable', reason });
    } else {
      res.json({ status: 'ready' });
    }
  });
  return router;
}
