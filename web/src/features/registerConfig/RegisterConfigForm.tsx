import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { FormErrors, TextAreaField, TextField } from '../../app/components';
import { appErrors, describeError, hasCode } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { formatTime } from '../../app/format';
import { useI18n, type Messages } from '../../app/i18n';
import type { RegisterConfigFieldsFragment, RegisterConfigInput } from '../../gql/graphql';
import { PrivacyNoticeDraftQuery, RegisterConfigQuery, UpdateRegisterConfigMutation } from './operations';

const TEXT_FIELDS = [
  'controllerName',
  'controllerBusinessId',
  'controllerAddress',
  'controllerPhone',
  'controllerEmail',
  'contactName',
  'contactAddress',
  'contactPhone',
  'contactEmail',
  'signerName',
  'signerTitle',
] as const;
const NUMBER_FIELDS = ['inactiveCustomerMonths', 'auditLogMonths', 'consultationLogMonths', 'webEventDays'] as const;
type Field = (typeof TEXT_FIELDS)[number] | (typeof NUMBER_FIELDS)[number];
const FIELDS: readonly Field[] = [...TEXT_FIELDS, ...NUMBER_FIELDS];
type Values = Record<Field, string>;

const GROUPS: readonly { legend: 'controller' | 'contact' | 'signer' | 'retention'; fields: readonly Field[] }[] = [
  { legend: 'controller', fields: ['controllerName', 'controllerBusinessId', 'controllerAddress', 'controllerPhone', 'controllerEmail'] },
  { legend: 'contact', fields: ['contactName', 'contactAddress', 'contactPhone', 'contactEmail'] },
  { legend: 'signer', fields: ['signerName', 'signerTitle'] },
  { legend: 'retention', fields: NUMBER_FIELDS },
];
const MAX_LENGTH: Partial<Record<Field, number>> = {
  controllerBusinessId: 20,
  controllerPhone: 40,
  contactPhone: 40,
  controllerEmail: 254,
  contactEmail: 254,
};
const AUTOCOMPLETE: Partial<Record<Field, string>> = { controllerEmail: 'off', contactEmail: 'off' };

function valuesOf(config: RegisterConfigFieldsFragment): Values {
  return Object.fromEntries(FIELDS.map((f) => [f, config[f] === null || config[f] === undefined ? '' : String(config[f])])) as Values;
}

/** The whole form as the server takes it: every text (empty clears it) and every period. */
function inputOf(values: Values): RegisterConfigInput {
  const input: RegisterConfigInput = {};
  for (const f of TEXT_FIELDS) input[f] = values[f].trim();
  for (const f of NUMBER_FIELDS) {
    const n = Number(values[f].trim());
    // A period that is no whole number is sent as 0, which the server refuses at its field with the allowed range,
    // together with every other problem of the form (all at once, not one round trip per field).
    input[f] = values[f].trim() !== '' && Number.isSafeInteger(n) ? n : 0;
  }
  return input;
}

/** Server errors at their fields (in the user's language), the rest above the form; CONFLICT has its own notice. */
function fieldErrors(t: Messages, error: unknown): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const e of appErrors(error)) {
    if (e.code === 'CONFLICT') continue;
    if ((e.code === 'BAD_USER_INPUT' || e.code === 'FORBIDDEN') && e.field && (FIELDS as readonly string[]).includes(e.field)) {
      byField[e.field] = e.code === 'BAD_USER_INPUT' ? (t.registerConfig.fieldErrors[e.field] ?? describeError(t, e)) : describeError(t, e);
    } else general.push(describeError(t, e));
  }
  return { byField, general: [...new Set(general)] };
}

interface Props {
  config: RegisterConfigFieldsFragment;
  /** Only an administrator changes the settings; others see them read only. */
  editable: boolean;
  onReload(): Promise<unknown>;
}

/** P18: the controller, the register's contact person, the person who signs certificates, and the retention periods. */
export function RegisterConfigForm({ config, editable, onReload }: Props) {
  const { t, language } = useI18n();
  const c = t.registerConfig;
  // The configuration as last read or saved: its version goes with a save, so a change made meanwhile by someone else
  // is a CONFLICT, and the form is "unsaved" where it differs from it.
  const [current, setCurrent] = useState(config);
  const [values, setValues] = useState<Values>(() => valuesOf(config));
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState(false);
  const reloadRef = useFocusWhen<HTMLButtonElement>(conflict);
  const [update, { error, loading, reset }] = useMutation(UpdateRegisterConfigMutation, {
    // The draft of the notice is made from these settings.
    refetchQueries: [PrivacyNoticeDraftQuery],
    update: (cache, { data }) => {
      if (data) cache.writeQuery({ query: RegisterConfigQuery, data: { registerConfig: data.updateRegisterConfig } });
    },
  });
  const errors = fieldErrors(t, error);
  const base = valuesOf(current);
  const dirty = FIELDS.some((f) => values[f] !== base[f]);
  // A newer version read from the server (the cached one was old) replaces the form while nothing is being edited.
  if (config.version !== current.version && (config.version ?? 0) > (current.version ?? 0) && !dirty && !conflict) {
    setCurrent(config);
    setValues(valuesOf(config));
  }

  const set = (field: Field) => (value: string) => {
    setSaved(false);
    setValues((v) => ({ ...v, [field]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setConflict(false);
    try {
      const result = await update({ variables: { version: current.version ?? 0, input: inputOf(values) } });
      const next = result.data?.updateRegisterConfig;
      if (next) {
        // The server's own form of what was saved (a phone in E.164, an address's lines trimmed).
        setCurrent(next);
        setValues(valuesOf(next));
      }
      setSaved(true);
    } catch (e) {
      if (hasCode(e, 'CONFLICT')) setConflict(true);
    }
  };

  const reload = async () => {
    const result = (await onReload()) as { data?: { registerConfig?: RegisterConfigFieldsFragment } } | undefined;
    const fresh = result?.data?.registerConfig;
    if (fresh) {
      setCurrent(fresh);
      setValues(valuesOf(fresh));
    }
    setConflict(false);
    reset();
  };

  return (
    <form className="edit-form register-config-form" onSubmit={submit} aria-labelledby="register-config-title" data-testid="register-config-form" noValidate>
      <h2 id="register-config-title" className="visually-hidden">
        {c.settingsTab}
      </h2>
      <p className="intro">{c.intro}</p>
      {!editable && <p className="notice notice-info">{c.readOnly}</p>}
      {conflict && (
        <div className="notice notice-warning" role="alert" data-testid="register-config-conflict">
          <p>{c.conflict}</p>
          <button type="button" ref={reloadRef} onClick={() => void reload()}>
            {c.reload}
          </button>
        </div>
      )}
      <FormErrors messages={errors.general} />
      {GROUPS.map((group) => (
        <fieldset key={group.legend}>
          <legend>{c[group.legend]}</legend>
          <div className="form-grid">
            {group.fields.map((field) => {
              const common = {
                id: `register-${field}`,
                label: c.fields[field] ?? field,
                value: values[field],
                onChange: set(field),
                error: errors.byField[field],
                hint: c.hints[field],
                readOnly: !editable,
              };
              return field === 'controllerAddress' || field === 'contactAddress' ? (
                <TextAreaField key={field} {...common} rows={3} maxLength={300} />
              ) : (NUMBER_FIELDS as readonly string[]).includes(field) ? (
                <TextField key={field} {...common} type="number" inputMode="numeric" min={1} step={1} required />
              ) : (
                <TextField
                  key={field}
                  {...common}
                  type={field.endsWith('Email') ? 'email' : field.endsWith('Phone') ? 'tel' : 'text'}
                  maxLength={MAX_LENGTH[field] ?? 200}
                  autoComplete={AUTOCOMPLETE[field] ?? 'off'}
                />
              );
            })}
          </div>
        </fieldset>
      ))}
      {editable && (
        <div className="actions">
          <button type="submit" className="primary" disabled={loading}>
            {c.save}
          </button>
          {saved && !dirty && (
            <span className="notice notice-success" role="status" data-testid="register-config-saved">
              {c.saved}
            </span>
          )}
          {dirty && !loading && <span className="muted">{c.unsaved}</span>}
        </div>
      )}
      {current.updatedAt && <p className="muted">{c.lastChanged(formatTime(current.updatedAt, language))}</p>}
    </form>
  );
}
