import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { asDatabaseOwner, createServerDatabase, dropServerDatabase, serverDatabaseUrl, testServerUrl, uniqueDatabaseName } from '../test/database';
import { buildCustomer } from '../test/factories';
import { startTestServer, type TestServer } from '../test/harness';
import { readManifest, restoreEmbedded, restoreServer, tableCounts, writeBackup } from './backup';
import { type Database, openDatabase } from './database';
import { one } from './sql';

const CREATE = `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`;
const VERIFY = `mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT, note: "Passi" }) { status } }`;
const FULFIL = `mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { jsonDocument { id sha256 } } }`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rekisteri-backup-'));
let server: TestServer;
let customerId: string;
let document: { id: string; sha256: string };
const databases: string[] = [];
let restored: Database | undefined;
let restoredOwnerUrl: string | undefined;

beforeAll(async () => {
  server = await startTestServer();
  // A register with a person, their access request and its stored documents, and the ledgers that record it all.
  const customer = await buildCustomer(server.db, { email: 'varmuuskopio@example.fi' });
  customerId = customer.id;
  const service = await server.as('service');
  const privacy = await server.as('privacy');
  const created = await service.gql(CREATE, {
    input: { requesterName: 'Eero Esimerkki', receivedVia: 'LETTER', language: 'FI', signed: true, type: 'ACCESS', customerId },
  });
  const id = created.data.createPrivacyRequest.id;
  expect((await privacy.gql(VERIFY, { id })).errors).toBeUndefined();
  const fulfilled = await privacy.gql(FULFIL, { id });
  expect(fulfilled.errors).toBeUndefined();
  document = fulfilled.data.fulfilAccessRequest.jsonDocument;
});
afterAll(async () => {
  await restored?.close();
  await server?.close();
  const url = testServerUrl();
  if (url) for (const name of databases) await dropServerDatabase(url, name);
  fs.rmSync(work, { recursive: true, force: true });
});

/** The restored database answers with everything the backup had, and still refuses to rewrite its ledgers. */
async function expectSameRegister(database: Database, counts: Record<string, number>) {
  const db = database.dataSource;
  expect(await tableCounts(db)).toEqual(counts);
  expect(counts.customers).toBeGreaterThan(0);
  expect(counts.audit_events).toBeGreaterThan(0);
  expect(counts.privacy_documents).toBeGreaterThanOrEqual(2);
  expect((await one<{ email: string }>(db, `SELECT email FROM customers WHERE id = $1`, [customerId])).email).toBe('varmuuskopio@example.fi');
  const stored = await one<{ sha256: string }>(db, `SELECT sha256 FROM privacy_documents WHERE id = $1`, [document.id]);
  expect(stored.sha256).toBe(document.sha256);
  // Append-only, for the application and for the owner alike.
  await expect(db.query(`DELETE FROM audit_events WHERE id = (SELECT min(id) FROM audit_events)`)).rejects.toThrow(/permission denied|append-only/);
  const config = { databaseUrl: database.kind === 'server' ? restoredOwnerUrl : undefined };
  await expect(
    asDatabaseOwner({ db, config }, (owner) => owner(`UPDATE audit_events SET action = 'REWRITTEN' WHERE id = (SELECT min(id) FROM audit_events)`)),
  ).rejects.toThrow(/append-only/);
}

describe('backup and restore', () => {
  it('restores a backup into an empty database with every customer, ledger row and document, the ledgers still append-only', async () => {
    const dir = path.join(work, 'backup');
    const ownerUrl = server.config.databaseUrl;
    const manifest = await writeBackup(server.database, dir, { ownerUrl });
    expect(readManifest(dir)).toEqual(manifest);
    expect(manifest.lastMigration).toBe(server.db.migrations.at(-1)?.name);

    const serverUrl = testServerUrl();
    if (serverUrl && ownerUrl) {
      const name = uniqueDatabaseName('rekisteri_restore');
      databases.push(name);
      await createServerDatabase(serverUrl, name);
      restoredOwnerUrl = serverDatabaseUrl(serverUrl, name);
      await restoreServer(dir, restoredOwnerUrl);
      restored = await openDatabase(parseConfig({ NODE_ENV: 'test', DATABASE_URL: restoredOwnerUrl, MIGRATE_ON_START: 'false' }));
    } else {
      const dataDir = path.join(work, 'restored');
      await restoreEmbedded(dir, dataDir);
      await expect(restoreEmbedded(dir, dataDir)).rejects.toThrow(/already holds a database/);
      restored = await openDatabase(parseConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, MIGRATE_ON_START: 'false' }));
    }
    await expectSameRegister(restored, manifest.counts);
  }, 120_000);

  it('refuses a folder that is not a backup', () => {
    fs.mkdirSync(path.join(work, 'not-a-backup'));
    expect(() => readManifest(path.join(work, 'not-a-backup'))).toThrow(/is not a backup/);
  });
});
