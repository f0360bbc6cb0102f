import type { DataSource } from 'typeorm';
import type { Clock } from '../clock';
import { one } from '../db/sql';
import type { Logger } from '../logger';
import type { RetentionSource } from '../modules/register-config/retention';
import { recordAuditEvents } from './audit.service';

/** The two logs of `audit_events`: reads of customers' data (CUSTOMER_READ) and everything else. */
export type AuditLogKind = 'audit' | 'consultation';

export interface LogPurge {
  log: AuditLogKind;
  before: Date;
  deleted: number;
}

/** The same moment `months` calendar months earlier (UTC; the 31st falls back to the month's last day). */
export function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * Storage limitation (issue 14, P12): the audit trail and the consultation log are kept for the periods of the
 * register's configuration (RetentionSettings.auditLogMonths, consultationLogMonths), the same the privacy notice
 * states, then purged by the nightly job. The ledger stays append-only for the application: the rows go through
 * the database's `purge_audit_log` (migration 1764430000000-LogRetention), which deletes only one log's rows older
 * than the cutoff. Each purge that deleted rows leaves one audit event: which log, how many, before which date.
 */
export class LogRetention {
  constructor(
    private readonly db: DataSource,
    private readonly retention: RetentionSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Where each log's retention begins now, by the injectable clock. */
  async cutoffs(): Promise<Record<AuditLogKind, Date>> {
    const settings = await this.retention.retention();
    const now = this.clock.now();
    return { audit: monthsBefore(now, settings.auditLogMonths), consultation: monthsBefore(now, settings.consultationLogMonths) };
  }

  /** The nightly purge: both logs, each in its own transaction with its audit event. */
  async purge(): Promise<LogPurge[]> {
    const cutoffs = await this.cutoffs();
    const done: LogPurge[] = [];
    for (const log of ['consultation', 'audit'] as const) {
      const before = cutoffs[log];
      const deleted = await this.db.transaction(async (tx) => {
        const { n } = await one<{ n: number }>(tx, `SELECT purge_audit_log($1, $2) AS n`, [log, before]);
        if (n > 0) {
          await recordAuditEvents(tx, [{ action: 'AUDIT_LOG_PURGED', detail: { log, deleted: n, before: before.toISOString() } }]);
        }
        return n;
      });
      this.logger.info({ log, deleted, before: before.toISOString() }, 'audit log past its retention purged');
      done.push({ log, before, deleted });
    }
    return done;
  }
}
