import { useMutation, useQuery } from '@apollo/client/react';
import { CUSTOMER_CONTACT_FIELDS, subject } from '@rekisteri/schema';
import { useState, type FormEvent } from 'react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, FieldError, FormErrors } from '../../app/components';
import { appErrors, describeError } from '../../app/errors';
import { useT, type Messages } from '../../app/i18n';
import type { DisclosureBasis } from '../../gql/graphql';
import { customerFieldLabel } from '../customers/fields';
import { basisLabel } from '../recipients/labels';
import { RecipientsQuery } from '../recipients/operations';
import { DiscloseCustomerDataMutation, DisclosuresQuery } from './operations';

const FIELDS = ['recipientId', 'basis', 'fields', 'note', 'customerId'];

function discloseErrors(t: Messages, error: unknown): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const e of appErrors(error)) {
    if (e.code === 'BAD_USER_INPUT' && e.field && FIELDS.includes(e.field)) byField[e.field] = t.disclosures.fieldErrors[e.field] ?? describeError(t, e);
    else general.push(describeError(t, e));
  }
  return { byField, general: [...new Set(general)] };
}

/** A disclosed value as text: the organisation is an object of its name and business ID. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .filter(Boolean)
      .join(', ');
  return String(value);
}

interface Props {
  customerId: string;
  restricted: boolean;
}

/**
 * P8: disclosing named fields to a registered recipient, on a basis it is registered for and the
 * user may use (sales: invoicing and credit decisions). A restricted customer's data leaves only
 * on a legal obligation. The data disclosed is shown once, for handing over.
 */
export function DiscloseForm({ customerId, restricted }: Props) {
  const t = useT();
  const d = t.disclosures;
  const ability = useAppAbility();
  const recipients = useQuery(RecipientsQuery, { variables: { includeInactive: false } });
  const [recipientId, setRecipientId] = useState('');
  const [basis, setBasis] = useState<DisclosureBasis | ''>('');
  const [fields, setFields] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);
  const [result, setResult] = useState<{ recipient: string; data: Record<string, unknown> } | null>(null);
  const [disclose, { loading, error, reset }] = useMutation(DiscloseCustomerDataMutation, { refetchQueries: [DisclosuresQuery] });
  const errors = discloseErrors(t, error);

  const readable = CUSTOMER_CONTACT_FIELDS.filter((f) => ability.can('read', 'Customer', f));
  const recipient = recipients.data?.recipients.find((r) => r.id === recipientId);
  const bases = (recipient?.bases ?? []).filter(
    (b) => ability.can('disclose', subject('Disclosure', { basis: b } as Record<string, unknown>)) && (!restricted || b === 'LEGAL_OBLIGATION'),
  );
  const noFields = checked && fields.length === 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setResult(null);
    if (!recipient || !basis || fields.length === 0) return;
    try {
      const { data } = await disclose({
        variables: {
          input: { customerId, recipientId, basis, fields: readable.filter((f) => fields.includes(f)), note: note.trim() || null },
          withLedger: ability.can('read', 'Disclosure', 'id'),
        },
      });
      if (data) setResult({ recipient: recipient.name ?? '', data: data.discloseCustomerData.data as Record<string, unknown> });
      setChecked(false);
    } catch {
      // shown through `error`
    }
  };
  const change = () => {
    reset();
    setResult(null);
  };

  return (
    <form className="card disclose-form" onSubmit={submit} aria-labelledby="disclose-title" data-testid="disclose-form" noValidate>
      <h3 id="disclose-title">{d.discloseTitle}</h3>
      <p className="hint">{d.discloseIntro}</p>
      {restricted && <p className="notice notice-warning">{d.restrictedHint}</p>}
      {recipients.error && <ErrorNotice error={recipients.error} />}
      {recipients.data?.recipients.length === 0 && <p className="notice notice-info">{d.noRecipients}</p>}
      <FormErrors messages={errors.general} />
      <div className="form-grid">
        <div className={errors.byField.recipientId ? 'field field-invalid' : 'field'}>
          <label htmlFor="disclose-recipient">{d.recipient}</label>
          <select
            id="disclose-recipient"
            value={recipientId}
            required
            onChange={(e) => {
              change();
              setRecipientId(e.target.value);
              setBasis('');
            }}
          >
            <option value="">{d.chooseRecipient}</option>
            {recipients.data?.recipients.map((r) => (
              <option key={r.id} value={r.id ?? ''}>
                {r.name} ({r.country})
              </option>
            ))}
          </select>
          {errors.byField.recipientId && <FieldError id="disclose-recipient-error" message={errors.byField.recipientId} />}
        </div>
        <div className={errors.byField.basis ? 'field field-invalid' : 'field'}>
          <label htmlFor="disclose-basis">{d.basis}</label>
          <select
            id="disclose-basis"
            value={basis}
            required
            disabled={!recipient}
            onChange={(e) => {
              change();
              setBasis(e.target.value as DisclosureBasis | '');
            }}
            aria-describedby={recipient && bases.length === 0 ? 'disclose-basis-hint' : undefined}
          >
            <option value="">{d.chooseBasis}</option>
            {bases.map((b) => (
              <option key={b} value={b}>
                {basisLabel(t, b)}
              </option>
            ))}
          </select>
          {recipient && bases.length === 0 && (
            <p className="hint" id="disclose-basis-hint">
              {d.noBases}
            </p>
          )}
          {errors.byField.basis && <FieldError id="disclose-basis-error" message={errors.byField.basis} />}
        </div>
      </div>
      <fieldset className={noFields || errors.byField.fields ? 'roles field-invalid' : 'roles'}>
        <legend>{d.fields}</legend>
        {readable.map((field) => (
          <label key={field} className="checkbox">
            <input
              type="checkbox"
              checked={fields.includes(field)}
              onChange={(e) => {
                change();
                setFields((prev) => (e.target.checked ? [...prev, field] : prev.filter((f) => f !== field)));
              }}
            />
            {customerFieldLabel(t, field)}
          </label>
        ))}
        {(noFields || errors.byField.fields) && <FieldError id="disclose-fields-error" message={errors.byField.fields ?? d.chooseFields} />}
      </fieldset>
      <div className={errors.byField.note ? 'field field-invalid' : 'field'}>
        <label htmlFor="disclose-note">{d.note}</label>
        <textarea id="disclose-note" value={note} rows={2} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        {errors.byField.note && <FieldError id="disclose-note-error" message={errors.byField.note} />}
      </div>
      <button type="submit" className="primary" disabled={loading || !recipient || !basis}>
        {d.disclose}
      </button>
      {result && (
        <div className="disclosure-result" data-testid="disclosure-result">
          <p className="notice notice-success" role="status">
            {d.disclosed(result.recipient)}
          </p>
          <h4>{d.disclosedData}</h4>
          <dl className="details">
            {Object.entries(result.data).map(([field, value]) => (
              <div key={field} className="detail">
                <dt>{customerFieldLabel(t, field)}</dt>
                <dd data-testid={`disclosed-${field}`}>{shown(value)}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </form>
  );
}
