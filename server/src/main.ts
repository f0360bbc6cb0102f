import 'reflect-metadata';
import { createApp } from './app';
import { type Config, ConfigError, parseConfig } from './config';
import { openDatabase } from './db/database';
import { seedDemoData } from './db/seed/demo';
import { createLogger } from './logger';

async function main() {
  let config: Config;
  try {
    config = parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config);
  logger.info({ database: database.kind }, 'database ready, migrations applied');
  if (config.demoData)
    await seedDemoData(database.dataSource, {
      password: config.demoPassword,
      logger,
      confidentialityVersion: config.confidentialityVersion,
    });

  const { app, stop } = await createApp(config, database, logger);
  const server = app.listen(config.port, config.host, () => {
    logger.info({ port: config.port, host: config.host }, `Rekisteri listening on http://localhost:${config.port}`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close();
    server.closeIdleConnections();
    await stop();
    await database.close();
    clearTimeout(force);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
