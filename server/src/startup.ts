import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from './config';
import { type Database, openDatabase } from './db/database';
import type { Logger } from './logger';

/** The database is not there yet (starting, restarting, unreachable): worth another try. */
function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', '57P03'].includes(code ?? '') ||
    /Connection terminated|timeout expired|the database system is starting up/i.test(message)
  );
}

/**
 * Opens the database as `openDatabase` does, waiting for it while it is unreachable: retries with
 * exponential backoff (0.5 s doubling to 15 s), each logged, for up to `databaseWaitMs`. Any other
 * error (a failed migration, a wrong password) stops start-up at once.
 */
export async function openDatabaseWhenReachable(config: Config, logger: Logger, stopped: () => boolean = () => false): Promise<Database> {
  const deadline = Date.now() + config.databaseWaitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await openDatabase(config);
    } catch (error) {
      if (!isUnreachable(error) || Date.now() >= deadline || stopped()) throw error;
      const retryInMs = Math.min(15_000, 500 * 2 ** (attempt - 1));
      logger.warn({ attempt, retryInMs, err: error }, 'database not reachable yet; retrying');
      await sleep(retryInMs);
    }
  }
}
