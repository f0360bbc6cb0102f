import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { parseConfig } from '../config';
import { type Database, openDatabase } from '../db/database';
import { seedDemoData } from '../db/seed/demo';
import {
  createServerDatabase,
  dropServerDatabase,
  freezeServerTemplate,
  serverDatabaseUrl,
  TEST_PASSWORD,
  type TestTemplate,
  testServerUrl,
  uniqueDatabaseName,
} from './database';

/**
 * Once per `pnpm test` run: migrate and seed one database, which every server test file then copies
 * (server: CREATE DATABASE ... TEMPLATE; embedded: a dumped PGlite data directory) instead of
 * migrating and seeding its own. Dropped, or its dump removed, when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = testServerUrl();
  const template = server ? await serverTemplate(project, server) : await embeddedTemplate(project);
  project.provide('testTemplate', template.template);
  return template.remove;
}

type Made = { template: TestTemplate; remove(): Promise<void> };

async function serverTemplate(project: TestProject, server: string): Promise<Made> {
  const database = uniqueDatabaseName('rekisteri_template');
  await createServerDatabase(server, database);
  const remove = () => dropServerDatabase(server, database);
  try {
    const { confidentialityVersion } = await migrateAndSeed(project, { DATABASE_URL: serverDatabaseUrl(server, database) }, async () => {});
    // Copied only while nobody is connected to it: from now on nobody can be.
    await freezeServerTemplate(server, database);
    return { template: { kind: 'server', database, confidentialityVersion }, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

async function embeddedTemplate(project: TestProject): Promise<Made> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rekisteri-test-template-'));
  const dumpFile = path.join(dir, 'pgdata.tar');
  const remove = async () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const { confidentialityVersion } = await migrateAndSeed(project, {}, async (opened) => {
      // The dump checkpoints first, so a copy starts without replaying the seed from the WAL.
      fs.writeFileSync(dumpFile, Buffer.from(await (await opened.dumpDataDir!()).arrayBuffer()));
    });
    return { template: { kind: 'embedded', dumpFile, confidentialityVersion }, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/**
 * Opens the database as the harness does (in memory when embedded, the test configuration's time
 * zone) and seeds it as the harness did: the same password and confidentiality version, and the test
 * files' process time zone, in which a JS date becomes a calendar date.
 */
async function migrateAndSeed(
  project: TestProject,
  env: Record<string, string>,
  keep: (opened: Database) => Promise<void>,
): Promise<{ confidentialityVersion: string }> {
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', ...env });
  const opened = await openDatabase(config, { inMemory: true });
  try {
    await inTimeZone(project.config.env?.TZ, () =>
      seedDemoData(opened.dataSource, { password: TEST_PASSWORD, confidentialityVersion: config.confidentialityVersion }),
    );
    await keep(opened);
  } finally {
    await opened.close();
  }
  return { confidentialityVersion: config.confidentialityVersion };
}

async function inTimeZone<T>(tz: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!tz || tz === process.env.TZ) return work();
  const previous = process.env.TZ;
  process.env.TZ = tz;
  try {
    return await work();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}
