import { affected, one, type Db } from '../../db/sql';
import type { RegisterConfig, RegisterIdentity } from './register-config.model';
import type { RetentionSettings } from './retention';

/** P18: the SQL of the register's configuration: one row, written at a version. */

export interface RegisterConfigRow {
  controller_name: string | null;
  controller_business_id: string | null;
  controller_address: string | null;
  controller_phone: string | null;
  controller_email: string | null;
  contact_name: string | null;
  contact_address: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  signer_name: string | null;
  signer_title: string | null;
  inactive_customer_months: number;
  audit_log_months: number;
  consultation_log_months: number;
  web_event_days: number;
  version: number;
  updated_at: Date;
  updated_by: string | null;
}

export type RegisterConfigValues = Omit<RegisterConfigRow, 'version' | 'updated_at' | 'updated_by'>;

const COLUMNS = `controller_name, controller_business_id, controller_address, controller_phone, controller_email,
  contact_name, contact_address, contact_phone, contact_email, signer_name, signer_title,
  inactive_customer_months, audit_log_months, consultation_log_months, web_event_days, version, updated_at, updated_by`;

/** The row, locked for the transaction's write when asked. The migration inserts it: there is always one. */
export function registerConfigRow(db: Db, lock = false): Promise<RegisterConfigRow> {
  return one<RegisterConfigRow>(db, `SELECT ${COLUMNS} FROM register_config WHERE id ${lock ? 'FOR UPDATE' : ''}`);
}

/** Writes the values if the row is still at `version`; 0 rows is a stale version. */
export function updateRegisterConfigAt(db: Db, version: number, v: RegisterConfigValues, by: string): Promise<number> {
  return affected(
    db,
    `UPDATE register_config SET controller_name = $2, controller_business_id = $3, controller_address = $4, controller_phone = $5,
            controller_email = $6, contact_name = $7, contact_address = $8, contact_phone = $9, contact_email = $10,
            signer_name = $11, signer_title = $12, inactive_customer_months = $13, audit_log_months = $14,
            consultation_log_months = $15, web_event_days = $16, version = version + 1, updated_at = now(), updated_by = $17
      WHERE id AND version = $1`,
    [
      version,
      v.controller_name,
      v.controller_business_id,
      v.controller_address,
      v.controller_phone,
      v.controller_email,
      v.contact_name,
      v.contact_address,
      v.contact_phone,
      v.contact_email,
      v.signer_name,
      v.signer_title,
      v.inactive_customer_months,
      v.audit_log_months,
      v.consultation_log_months,
      v.web_event_days,
      by,
    ],
  );
}

export const retentionOf = (row: RegisterConfigRow): RetentionSettings => ({
  inactiveCustomerMonths: row.inactive_customer_months,
  auditLogMonths: row.audit_log_months,
  consultationLogMonths: row.consultation_log_months,
  webEventDays: row.web_event_days,
});

export const identityOf = (row: RegisterConfigRow): RegisterIdentity => ({
  controller: {
    name: row.controller_name,
    businessId: row.controller_business_id,
    address: row.controller_address,
    phone: row.controller_phone,
    email: row.controller_email,
  },
  contact: { name: row.contact_name, address: row.contact_address, phone: row.contact_phone, email: row.contact_email },
  signer: { name: row.signer_name, title: row.signer_title },
});

export const configOf = (row: RegisterConfigRow): RegisterConfig => ({
  ...identityOf(row),
  retention: retentionOf(row),
  version: row.version,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

/**
 * Who is responsible for the register and whom to ask, as every document names them: read in the caller's
 * transaction, so a letter names the configuration in force when it was written. No permission: a letter is
 * about the company, not about a person.
 */
export async function registerIdentity(db: Db): Promise<RegisterIdentity> {
  return identityOf(await registerConfigRow(db));
}
