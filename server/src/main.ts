import 'reflect-metadata';
// First: the tracing instrumentations must patch http, express, pg and graphql before anything loads them.
import './observability/instrument';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { configOrExit } from './config';
import { seedDemoData } from './db/seed/demo';
import { createLogger } from './logger';
import { tracingEnabled, stopTracing } from './observability/tracing';
import { drainable } from './shutdown';
import { openDatabaseWhenReachable } from './startup';

/** How long requests in flight may take to finish once a stop is asked for. */
const GRACE_MS = 10_000;

async function main() {
  const config = configOrExit();
  const logger = createLogger(config.logLevel);

  let shutdown: ((signal: string) => Promise<void>) | null = null;
  let signalled = false;
  const onSignal = (signal: string) => {
    if (shutdown) return void shutdown(signal);
    // Still starting: nothing is served yet, so nothing is cut off.
    signalled = true;
    logger.info({ signal }, 'stopped during start-up');
    process.exit(0);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  const database = await openDatabaseWhenReachable(config, logger, () => signalled);
  logger.info(
    { database: database.kind, migrated: database.migrated ?? [], role: config.role, process: config.processName, tracing: tracingEnabled() },
    'database ready',
  );
  if (config.demoData && config.role !== 'worker')
    await seedDemoData(database.dataSource, {
      password: config.demoPassword,
      logger,
      confidentialityVersion: config.confidentialityVersion,
    });

  const app = await createApp(config, database, logger, { interpretedExecution: tracingEnabled });
  const server = http.createServer(app.app);
  const connections = drainable(server);
  server.listen(config.port, config.host, () => {
    // PORT=0 asks the system for a free port: the log names the one bound.
    const { port } = server.address() as AddressInfo;
    logger.info({ port, host: config.host }, `Rekisteri listening on http://localhost:${port}`);
  });

  let stopping = false;
  // Stop accepting, let the requests in flight finish (idle keep-alive connections close at once),
  // then stop the job queue and Apollo, and close the pool last: nothing in flight loses its database.
  shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('could not stop in time');
      process.exit(1);
    }, GRACE_MS + 15_000).unref();
    app.drain();
    await connections.drain(GRACE_MS);
    await app.stop();
    await database.close();
    await stopTracing();
    clearTimeout(force);
    logger.info('stopped');
    process.exit(0);
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
