import { appErrors, describeError } from '../../app/errors';
import type { Messages } from '../../app/i18n';
import { segmentField } from './segment';

/**
 * A campaign request's errors: by field (`name`, `purpose`, `channel`, `segment.<field>`) shown
 * beside the input, the rest at the top of the form.
 */
export function campaignErrors(t: Messages, error: unknown): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const e of appErrors(error)) {
    const field = segmentField(e.field) ?? e.field;
    if (e.code === 'BAD_USER_INPUT' && field === 'name') byField.name = t.campaigns.nameError;
    else if (e.code === 'BAD_USER_INPUT' && field?.startsWith('segment.')) byField[field] = describeError(t, { ...e, field });
    else general.push(describeError(t, e));
  }
  return { byField, general: [...new Set(general)] };
}
