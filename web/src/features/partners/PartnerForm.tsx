import { useApolloClient, useMutation } from '@apollo/client/react';
import { PARTNER_SCOPABLE_CUSTOMER_FIELDS } from '@rekisteri/schema';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors, TextField } from '../../app/components';
import { appErrors, describeError, hasCode } from '../../app/errors';
import { useT, type Messages } from '../../app/i18n';
import type { PartnerFieldsFragment } from '../../gql/graphql';
import { PROCESSOR_TERM_FIELDS, ProcessorTermsFields, termsInput, termsState } from '../recipients/ProcessorTermsFields';
import { CreatePartnerMutation, PartnersQuery, UpdatePartnerMutation } from './operations';

const FIELDS = ['name', 'businessId', 'country', 'customerFields', ...PROCESSOR_TERM_FIELDS];

/** Errors at their fields (a sub-processor's line at the sub-processors), the rest above the form. */
export function fieldErrors(t: Messages, error: unknown, fields: readonly string[]): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const e of appErrors(error)) {
    if (e.code === 'CONFLICT') continue;
    const field = e.field?.split('.')[0];
    if ((e.code === 'BAD_USER_INPUT' || e.code === 'FORBIDDEN') && field && fields.includes(field)) {
      byField[field] = e.code === 'BAD_USER_INPUT' ? (t.partners.fieldErrors[field] ?? describeError(t, e)) : describeError(t, e);
    } else general.push(describeError(t, e));
  }
  return { byField, general: [...new Set(general)] };
}

interface Props {
  partner?: PartnerFieldsFragment;
  onSaved(message: string): void;
  onCancel?(): void;
}

/** P4, P9: a partner firm, the customer fields its staff may read, and its terms as a processor. */
export function PartnerForm({ partner, onSaved, onCancel }: Props) {
  const t = useT();
  const c = t.partners;
  const client = useApolloClient();
  const idPrefix = partner ? `partner-${partner.id}` : 'new-partner';
  const id = (field: string) => `${idPrefix}-${field}`;
  const [name, setName] = useState(partner?.name ?? '');
  const [businessId, setBusinessId] = useState(partner?.businessId ?? '');
  const [country, setCountry] = useState(partner?.processor?.country ?? 'FI');
  const [customerFields, setCustomerFields] = useState<string[]>(partner?.customerFields ?? []);
  const [terms, setTerms] = useState(termsState(partner?.processor));
  const [conflict, setConflict] = useState(false);
  const options = { refetchQueries: [PartnersQuery], awaitRefetchQueries: true };
  const [create, creating] = useMutation(CreatePartnerMutation, options);
  const [update, updating] = useMutation(UpdatePartnerMutation, options);
  const { error, loading } = partner ? updating : creating;
  const errors = fieldErrors(t, error, FIELDS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setConflict(false);
    const input = {
      name: name.trim(),
      businessId: businessId.trim() || null,
      active: partner?.active ?? true,
      country: country.trim().toUpperCase(),
      customerFields: PARTNER_SCOPABLE_CUSTOMER_FIELDS.filter((f) => customerFields.includes(f)),
      ...termsInput(terms),
    };
    try {
      if (partner) {
        await update({ variables: { id: partner.id ?? '', version: partner.version ?? 0, input } });
        onSaved(c.saved(input.name));
      } else {
        await create({ variables: { input } });
        onSaved(c.created(input.name));
        setName('');
        setBusinessId('');
        setCustomerFields([]);
        setTerms(termsState(null));
      }
    } catch (e) {
      if (hasCode(e, 'CONFLICT')) {
        setConflict(true);
        await client.refetchQueries({ include: [PartnersQuery] });
      }
    }
  };

  const toggle = (field: string, on: boolean) => setCustomerFields((prev) => (on ? [...prev, field] : prev.filter((f) => f !== field)));

  return (
    <form className="partner-form" onSubmit={submit} aria-labelledby={id('title')} data-testid={`${idPrefix}-form`} noValidate>
      <h2 id={id('title')}>{partner ? c.editTitle(partner.name ?? '') : c.createTitle}</h2>
      {conflict && (
        <p className="notice notice-warning" role="alert">
          {c.conflict}
        </p>
      )}
      <FormErrors messages={errors.general} />
      <div className="form-grid">
        <TextField id={id('name')} label={c.name} value={name} onChange={setName} required maxLength={200} autoComplete="off" error={errors.byField.name} />
        <TextField
          id={id('businessId')}
          label={c.businessId}
          hint={c.businessIdHint}
          value={businessId}
          onChange={setBusinessId}
          maxLength={50}
          autoComplete="off"
          error={errors.byField.businessId}
        />
        <TextField
          id={id('country')}
          label={c.country}
          hint={t.recipients.countryHint}
          value={country}
          onChange={setCountry}
          required
          maxLength={2}
          autoComplete="off"
          error={errors.byField.country}
        />
      </div>
      <fieldset
        className={errors.byField.customerFields ? 'roles field-invalid' : 'roles'}
        aria-describedby={[id('customerFields-hint'), errors.byField.customerFields ? id('customerFields-error') : null].filter(Boolean).join(' ')}
      >
        <legend>{c.customerFields}</legend>
        <p className="hint" id={id('customerFields-hint')}>
          {c.customerFieldsHint}
        </p>
        {PARTNER_SCOPABLE_CUSTOMER_FIELDS.map((field) => (
          <label key={field} className="checkbox">
            <input
              type="checkbox"
              name="customerFields"
              value={field}
              checked={customerFields.includes(field)}
              onChange={(e) => toggle(field, e.target.checked)}
            />
            {c.fields[field] ?? field}
          </label>
        ))}
        {errors.byField.customerFields && <FieldError id={id('customerFields-error')} message={errors.byField.customerFields} />}
      </fieldset>
      <fieldset>
        <legend>{c.agreement}</legend>
        <ProcessorTermsFields idPrefix={idPrefix} country={country} value={terms} onChange={setTerms} errors={errors.byField} processor />
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {partner ? c.save : c.create}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {c.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
