import { useQuery } from '@apollo/client/react';
import { TextField, FieldError } from '../../app/components';
import { useT } from '../../app/i18n';
import { fieldOfDraftKey, type Draft, type DraftKey, type OptionalReadField } from './fields';
import { PartnersQuery } from './operations';

interface Props {
  /** Prefix of the inputs' ids, e.g. `edit` gives `edit-email`. */
  idPrefix: string;
  draft: Draft;
  onChange(key: DraftKey, value: string): void;
  /** Fields shown as inputs. */
  editable: ReadonlySet<OptionalReadField>;
  /** Fields shown read-only beside the inputs (readable, not editable). */
  readOnly?: ReadonlySet<OptionalReadField>;
  errors: Partial<Record<DraftKey, string>>;
  /** Form values changed by the user and not yet saved: marked. */
  changed?: ReadonlySet<DraftKey>;
}

const TEXT_KEYS: Array<{ key: DraftKey; type?: string; autoComplete?: string }> = [
  { key: 'firstName', autoComplete: 'off' },
  { key: 'lastName', autoComplete: 'off' },
  { key: 'organisationName', autoComplete: 'off' },
  { key: 'businessId', autoComplete: 'off' },
  { key: 'email', type: 'email', autoComplete: 'off' },
  { key: 'phone', type: 'tel', autoComplete: 'off' },
  { key: 'street', autoComplete: 'off' },
  { key: 'postalCode', autoComplete: 'off' },
  { key: 'city', autoComplete: 'off' },
  { key: 'country', autoComplete: 'off' },
];

/** The customer's fields as inputs where the user may change them, as text where they may only read. */
export function CustomerFormFields({ idPrefix, draft, onChange, editable, readOnly, errors, changed }: Props) {
  const t = useT();
  const label = (key: DraftKey) => (key === 'organisationName' ? t.customers.fields.organisationName : t.customers.fields[key]);

  const fieldFor = (key: DraftKey, type?: string, autoComplete?: string) => {
    const field = fieldOfDraftKey(key);
    const id = `${idPrefix}-${key}`;
    if (editable.has(field)) {
      return (
        <TextField
          key={key}
          id={id}
          type={type}
          label={label(key)}
          value={draft[key]}
          onChange={(value) => onChange(key, value)}
          error={errors[key]}
          autoComplete={autoComplete}
          required={idPrefix === 'create' && (key === 'firstName' || key === 'lastName')}
          className={changed?.has(key) ? 'changed' : undefined}
        />
      );
    }
    if (readOnly?.has(field)) {
      return (
        <div className="field field-readonly" key={key}>
          <span className="label" id={`${id}-label`}>
            {label(key)} <span className="muted">({t.customers.readOnly})</span>
          </span>
          <span>{draft[key] || t.customers.none}</span>
        </div>
      );
    }
    return null;
  };

  return (
    <div className="form-grid">
      {TEXT_KEYS.map(({ key, type, autoComplete }) => fieldFor(key, type, autoComplete))}
      {editable.has('language') ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-language`}>{t.customers.fields.language}</label>
          <select
            id={`${idPrefix}-language`}
            value={draft.language}
            onChange={(e) => onChange('language', e.target.value)}
            className={changed?.has('language') ? 'changed' : undefined}
          >
            {(['fi', 'sv', 'en'] as const).map((l) => (
              <option key={l} value={l}>
                {t.customers.languages[l]}
              </option>
            ))}
          </select>
          {errors.language && <FieldError id={`${idPrefix}-language-error`} message={errors.language} />}
        </div>
      ) : (
        readOnly?.has('language') && (
          <div className="field field-readonly">
            <span className="label">
              {t.customers.fields.language} <span className="muted">({t.customers.readOnly})</span>
            </span>
            <span>{t.customers.languages[draft.language as 'fi'] ?? t.customers.none}</span>
          </div>
        )
      )}
      {editable.has('partner') && (
        <PartnerSelect id={`${idPrefix}-partner`} value={draft.partner} onChange={(v) => onChange('partner', v)} error={errors.partner} />
      )}
    </div>
  );
}

function PartnerSelect({ id, value, onChange, error }: { id: string; value: string; onChange(v: string): void; error?: string }) {
  const t = useT();
  const { data } = useQuery(PartnersQuery);
  return (
    <div className="field">
      <label htmlFor={id}>{t.customers.fields.partner}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t.customers.noPartner}</option>
        {data?.partners.map((p) => (
          <option key={p.id} value={p.id ?? ''}>
            {p.name}
          </option>
        ))}
      </select>
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}
