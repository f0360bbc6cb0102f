import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from '../../test/harness';
import { ComplianceReportFile } from './report-file';

const dir = mkdtempSync(path.join(os.tmpdir(), 'compliance-report-'));
const reportPath = path.join(dir, 'report.json');

/** What `pnpm compliance` writes: one proven promise, one failing, one without a test. */
const REPORT = {
  generatedAt: '2026-01-01T12:00:00.000Z',
  commit: 'abc123',
  runs: [
    { name: 'embedded', startedAt: '2026-01-01T10:00:00.000Z', passed: 2, failed: 0 },
    { name: 'postgresql', startedAt: '2026-01-01T11:00:00.000Z', passed: 1, failed: 1 },
  ],
  summary: { proven: 1, notProven: 1, failing: 1 },
  promises: [
    {
      id: 'P1',
      promise: 'Purpose: keep the customer register.',
      requirement: 'Customer records, orders, invoices, archive.',
      status: 'PROVEN',
      tests: [
        {
          file: 'server/src/modules/orders/orders.test.ts',
          name: 'orders keeps a closed order readable',
          outcome: 'PASSED',
          runs: [
            { run: 'embedded', outcome: 'PASSED' },
            { run: 'postgresql', outcome: 'PASSED' },
          ],
        },
      ],
      modules: ['server/orders'],
    },
    {
      id: 'P10',
      promise: 'Data is destroyed on request unless law, open invoices or debt collection prevent it.',
      requirement: 'Erasure with legal holds.',
      status: 'FAILING',
      tests: [
        {
          file: 'server/src/modules/requests/erasure.test.ts',
          name: 'erasure holds erasure while an invoice is open',
          outcome: 'FAILED',
          runs: [
            { run: 'embedded', outcome: 'PASSED' },
            { run: 'postgresql', outcome: 'FAILED' },
          ],
        },
      ],
      modules: ['server/requests'],
    },
    { id: 'P18', promise: 'The notice names the controller.', requirement: 'The notice is generated.', status: 'NOT_PROVEN', tests: [], modules: [] },
  ],
  unknownTags: [],
};

const QUERY = `{ complianceReport { generatedAt commit runs { name startedAt passed failed } summary { proven notProven failing }
  promises { id promise requirement status modules tests { file name outcome runs { run outcome } } } unknownTags { id file name } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ COMPLIANCE_REPORT: reportPath });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const writeReport = (content: unknown, mtime: Date) => {
  writeFileSync(reportPath, typeof content === 'string' ? content : JSON.stringify(content));
  utimesSync(reportPath, mtime, mtime);
};

describe('complianceReport', () => {
  it('shows privacy officers and admins the report of the build: each promise, its tests with pass or fail, its modules', async () => {
    writeReport(REPORT, new Date('2026-01-01T12:00:00Z'));
    for (const username of ['privacy', 'admin']) {
      const result = await (await server.as(username)).gql(QUERY);
      expect(result.errors).toBeUndefined();
      expect(result.data.complianceReport).toEqual(REPORT);
    }
  });

  it('gives sales, service, marketing and partners FORBIDDEN and nothing of the report', async () => {
    writeReport(REPORT, new Date('2026-01-01T12:00:00Z'));
    for (const username of ['sales', 'service', 'marketing', 'partner']) {
      const result = await (await server.as(username)).gql(QUERY);
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.data?.complianceReport ?? null).toBeNull();
      expect(JSON.stringify(result)).not.toContain('erasure');
    }
  });

  it('answers null when this build has no test results, and reads a new report without a restart', async () => {
    rmSync(reportPath, { force: true });
    const privacy = await server.as('privacy');
    const missing = await privacy.gql('{ complianceReport { generatedAt } }');
    expect(missing.errors).toBeUndefined();
    expect(missing.data.complianceReport).toBeNull();

    writeReport({ ...REPORT, commit: 'def456' }, new Date('2026-01-02T12:00:00Z'));
    const fresh = await privacy.gql('{ complianceReport { commit } }');
    expect(fresh.data.complianceReport).toEqual({ commit: 'def456' });
  });
});

describe('the report file', () => {
  it('is read again when it changes', async () => {
    const file = new ComplianceReportFile(reportPath);
    writeReport(REPORT, new Date('2026-01-03T12:00:00Z'));
    expect((await file.read())?.commit).toBe('abc123');
    writeReport({ ...REPORT, commit: 'def456' }, new Date('2026-01-04T12:00:00Z'));
    expect((await file.read())?.commit).toBe('def456');
  });

  it('refuses a file that is not a compliance report, rather than saying there are no results', async () => {
    const file = new ComplianceReportFile(reportPath);
    writeReport({ ...REPORT, promises: [{ id: 'P1', status: 'GREEN' }] }, new Date('2026-01-05T12:00:00Z'));
    await expect(file.read()).rejects.toThrow(/is not a compliance report/);
  });
});
