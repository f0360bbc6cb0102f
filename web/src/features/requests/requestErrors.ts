import { appErrors, describeError, fieldProblems, type AppError } from '../../app/errors';
import type { Messages } from '../../app/i18n';

/**
 * A request's error in words. The same field name means different things in different steps
 * (`id` is "closed" for one, "plan first" for another), so the step's own message is looked up
 * first (`execute.id`), then the field's (`items.*.field`), then the app's.
 */
export function describeRequestError(t: Messages, error: AppError, step?: string): string {
  if (error.code === 'BAD_USER_INPUT' && error.field) {
    const wildcard = error.field.replace(/\.\d+(?=\.|$)/g, '.*');
    const messages = t.requests.fieldErrors;
    const message = (step && (messages[`${step}.${error.field}`] ?? messages[`${step}.${wildcard}`])) ?? messages[error.field] ?? messages[wildcard];
    if (message) return message;
  }
  return describeError(t, error);
}

/**
 * Splits a request step's error into messages beside the fields the form has (by the field's
 * exact name, e.g. `items.2.proposedValue`) and the rest, shown at the top.
 */
export function requestErrors(t: Messages, error: unknown, fields: readonly string[], step?: string): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const e of appErrors(error).flatMap(fieldProblems)) {
    const message = describeRequestError(t, e, step);
    if (e.code === 'BAD_USER_INPUT' && e.field && fields.includes(e.field)) byField[e.field] = message;
    else general.push(message);
  }
  return { byField, general: [...new Set(general)] };
}
