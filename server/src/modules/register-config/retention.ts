import type { EntityManager } from 'typeorm';

/**
 * The retention periods the register keeps to (P10, P11, P13, storage limitation). One source: the purge jobs and the
 * retention schedule read them, and the generated privacy notice states them, so the notice cannot say one thing
 * while the jobs do another. ADMIN edits them as part of the register's configuration (versioned and audited).
 */
export interface RetentionSettings {
  /** A customer with no order, invoice or contact for this long is proposed for erasure on a privacy officer's queue. */
  inactiveCustomerMonths: number;
  /** The audit trail (changes, sign-ins, administration) is kept this long, then purged. */
  auditLogMonths: number;
  /** The consultation log (who read whose data) is kept this long, then purged. */
  consultationLogMonths: number;
  /** Web events of the company's own site (P13) are kept this long, then deleted by the nightly job. */
  webEventDays: number;
}

/** What a register that nobody has configured yet keeps to. */
export const DEFAULT_RETENTION: RetentionSettings = {
  inactiveCustomerMonths: 36,
  auditLogMonths: 24,
  consultationLogMonths: 24,
  webEventDays: 365,
};

/** Where a job or a service reads the periods in force; the register's configuration implements it. */
export interface RetentionSource {
  retention(tx?: EntityManager): Promise<RetentionSettings>;
}
