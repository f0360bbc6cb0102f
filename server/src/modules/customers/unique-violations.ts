import { conflict, type AppError } from '../../errors';

/** The input field each unique constraint of customers and organisations guards. */
const FIELD_OF_CONSTRAINT: Record<string, string> = {
  organisations_business_id_key: 'organisation.businessId',
  customers_customer_number_key: 'customerNumber',
};

/**
 * A unique violation (SQLSTATE 23505) as the CONFLICT it is: someone stored the same key at the
 * same moment. The advisory locks on the keys make this rare; it is never a 500, and nothing of the
 * statement (its parameters hold the customer's data) reaches the answer or the log.
 */
export function uniqueViolation(error: unknown): AppError | null {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return null;
  const field = typeof constraint === 'string' ? FIELD_OF_CONSTRAINT[constraint] : undefined;
  return conflict('Someone else saved the same details at the same moment. Reload and save again.', { field: field ?? null });
}

/** Runs a write; a unique violation in it answers CONFLICT at its field. */
export async function refusingUniqueViolations<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw uniqueViolation(error) ?? error;
  }
}
