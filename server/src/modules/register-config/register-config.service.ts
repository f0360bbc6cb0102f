import { REGISTER_CONFIG_UPDATABLE_FIELDS } from '@rekisteri/schema';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertWritable, requireRight } from '../../auth/authorize';
import { appError, badInput, conflict, isAppError } from '../../errors';
import { isValidBusinessId, normalisePhone, optionalText } from '../customers/customer-validation';
import type { RegisterConfig, RegisterConfigChange } from './register-config.model';
import {
  configOf,
  registerConfigRow,
  retentionOf,
  updateRegisterConfigAt,
  type RegisterConfigRow,
  type RegisterConfigValues,
} from './register-config.repository';
import type { RetentionSettings, RetentionSource } from './retention';

/** Limits of the retention periods, as the database checks them too. */
export const RETENTION_LIMITS: Readonly<Record<keyof RetentionSettings, { min: number; max: number }>> = {
  inactiveCustomerMonths: { min: 1, max: 240 },
  auditLogMonths: { min: 1, max: 240 },
  consultationLogMonths: { min: 1, max: 240 },
  webEventDays: { min: 1, max: 3650 },
};

/** The fields a change sets: those given. */
const givenFields = (input: RegisterConfigChange) => REGISTER_CONFIG_UPDATABLE_FIELDS.filter((f) => input[f as keyof RegisterConfigChange] !== undefined);

/**
 * P18: the register's configuration: who the controller is, whom to ask, who signs certificates, and how long
 * data is kept. ADMIN changes it at a version (CONFLICT when stale), every change audited with before and after;
 * PRIVACY_OFFICER reads it. The retention periods in force are read from here by the purge jobs and the notice.
 */
export class RegisterConfigService implements RetentionSource {
  constructor(private readonly db: DataSource) {}

  async get(actor: Actor): Promise<RegisterConfig> {
    requireRight(actor, 'read', 'RegisterConfig', 'You may not read the register configuration.');
    return configOf(await registerConfigRow(this.db));
  }

  /** The retention periods in force (no permission: jobs and the public notice read them). */
  async retention(tx?: EntityManager): Promise<RetentionSettings> {
    return retentionOf(await registerConfigRow(tx ?? this.db));
  }

  /** The configuration without a permission check, for documents and the notice, in the caller's transaction. */
  async current(tx?: EntityManager): Promise<RegisterConfig> {
    return configOf(await registerConfigRow(tx ?? this.db));
  }

  async update(actor: Actor, version: number, input: RegisterConfigChange): Promise<RegisterConfig> {
    requireRight(actor, 'update', 'RegisterConfig', 'Only an administrator changes the register configuration.');
    assertWritable(actor, 'update', 'RegisterConfig', null, givenFields(input));
    return this.db.transaction(async (tx) => {
      const before = await registerConfigRow(tx, true);
      const stale = () =>
        conflict('Someone else changed the register configuration after you opened it. Reload to see their changes.', { currentVersion: before.version });
      if (before.version !== version) throw stale();
      const values = validate(before, input);
      if ((await updateRegisterConfigAt(tx, version, values, actor.user.id)) === 0) throw stale();
      const changed = Object.fromEntries(
        Object.entries(values).filter(([k, v]) => before[k as keyof RegisterConfigValues] !== v),
      ) as Partial<RegisterConfigValues>;
      await recordAuditEvents(tx, [
        {
          action: 'REGISTER_CONFIG_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          fields: Object.keys(changed),
          detail: {
            version: version + 1,
            before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof RegisterConfigRow]])),
            after: changed,
          },
        },
      ]);
      return configOf(await registerConfigRow(tx));
    });
  }
}

const email = (value: string | null | undefined, field: string): string | null => {
  const text = optionalText(value, field, 254)?.toLowerCase() ?? null;
  if (text !== null && !z.email().safeParse(text).success) throw badInput(field, 'Give the e-mail as an address, e.g. tietosuoja@example.fi.');
  return text;
};

const phone = (value: string | null | undefined, field: string): string | null => {
  const text = optionalText(value, field, 40);
  return text === null ? null : normalisePhone(text, field);
};

const address = (value: string | null | undefined, field: string): string | null => {
  const lines = (value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return null;
  const text = lines.join('\n');
  if (lines.length > 6 || text.length > 300) throw badInput(field, 'Keep the address to 6 lines and 300 characters.');
  return text;
};

const months = (value: number | null | undefined, field: keyof RetentionSettings, current: number): number => {
  if (value === undefined || value === null) return current;
  const { min, max } = RETENTION_LIMITS[field];
  if (!Number.isSafeInteger(value) || value < min || value > max) throw badInput(field, `Give a whole number from ${min} to ${max}.`);
  return value;
};

/** The values after the change: a field not given keeps its value; empty text clears it. Every bad field is named at once. */
function validate(before: RegisterConfigRow, input: RegisterConfigChange): RegisterConfigValues {
  const problems: { field: string; message: string }[] = [];
  // A field's parser throws BAD_USER_INPUT; it is collected so that the form shows all its problems together.
  const checked = <T>(field: string, parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch (error) {
      if (!isAppError(error, 'BAD_USER_INPUT')) throw error;
      problems.push({ field, message: error.message });
      return fallback;
    }
  };
  const text = <K extends keyof RegisterConfigChange>(
    key: K,
    column: keyof RegisterConfigValues,
    parse: (v: string | null | undefined, f: string) => string | null,
  ) => checked(key, () => (input[key] === undefined ? (before[column] as string | null) : parse(input[key] as string | null, key)), null);
  const businessId = text('controllerBusinessId', 'controller_business_id', (v, f) => {
    const id = optionalText(v, f, 20);
    if (id !== null && !isValidBusinessId(id)) throw badInput(f, 'Give the business ID as 1234567-8, with a valid check digit.');
    return id;
  });
  const retention = <K extends keyof RetentionSettings>(
    field: K,
    column: 'inactive_customer_months' | 'audit_log_months' | 'consultation_log_months' | 'web_event_days',
  ) => checked(field, () => months(input[field], field, before[column]), before[column]);
  const values: RegisterConfigValues = {
    controller_name: text('controllerName', 'controller_name', (v, f) => optionalText(v, f, 200)),
    controller_business_id: businessId,
    controller_address: text('controllerAddress', 'controller_address', address),
    controller_phone: text('controllerPhone', 'controller_phone', phone),
    controller_email: text('controllerEmail', 'controller_email', email),
    contact_name: text('contactName', 'contact_name', (v, f) => optionalText(v, f, 200)),
    contact_address: text('contactAddress', 'contact_address', address),
    contact_phone: text('contactPhone', 'contact_phone', phone),
    contact_email: text('contactEmail', 'contact_email', email),
    signer_name: text('signerName', 'signer_name', (v, f) => optionalText(v, f, 200)),
    signer_title: text('signerTitle', 'signer_title', (v, f) => optionalText(v, f, 200)),
    inactive_customer_months: retention('inactiveCustomerMonths', 'inactive_customer_months'),
    audit_log_months: retention('auditLogMonths', 'audit_log_months'),
    consultation_log_months: retention('consultationLogMonths', 'consultation_log_months'),
    web_event_days: retention('webEventDays', 'web_event_days'),
  };
  if (problems.length > 0) throw appError('BAD_USER_INPUT', problems[0].message, { field: problems[0].field, fields: problems });
  return values;
}
