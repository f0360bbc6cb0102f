import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors, TextField } from '../../app/components';
import { appErrors, describeError, hasCode } from '../../app/errors';
import { useT, type Messages } from '../../app/i18n';
import type { DisclosureBasis, RecipientFieldsFragment, RecipientKind, RecipientLanguage } from '../../gql/graphql';
import { CUSTOMER_CONTACT_FIELDS, CUSTOMER_ORDER_FIELDS, CUSTOMER_PROHIBITION_FIELDS } from '@rekisteri/schema';
import { basisLabel, DISCLOSURE_BASES, kindLabel, RECIPIENT_KINDS, RECIPIENT_LANGUAGES } from './labels';
import { PROCESSOR_TERM_FIELDS, ProcessorTermsFields, termsInput, termsState } from './ProcessorTermsFields';
import { CreateRecipientMutation, RecipientsQuery, UpdateRecipientMutation } from './operations';

const FIELDS = ['name', 'kind', 'country', 'bases', 'language', 'contactEmail', 'postalAddress', 'dataFields', ...PROCESSOR_TERM_FIELDS];
/** The customer fields a processor can be recorded to process (the register's personal data, P6). */
const PROCESSABLE_FIELDS = [...CUSTOMER_CONTACT_FIELDS, ...CUSTOMER_ORDER_FIELDS, ...CUSTOMER_PROHIBITION_FIELDS] as string[];

function recipientErrors(t: Messages, error: unknown): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const e of appErrors(error)) {
    if (e.code === 'CONFLICT') continue;
    const field = e.field?.split('.')[0];
    if (e.code === 'BAD_USER_INPUT' && field && FIELDS.includes(field)) {
      byField[field] = t.recipients.fieldErrors[field] ?? t.partners.fieldErrors[field] ?? describeError(t, e);
    } else general.push(describeError(t, e));
  }
  return { byField, general: [...new Set(general)] };
}

interface Props {
  /** The recipient edited; none for a new one. */
  recipient?: RecipientFieldsFragment;
  onSaved(message: string): void;
  onCancel?(): void;
}

/** P8, P9: who may receive data, on which bases; outside the EU/EEA only with a safeguard and a reason. */
export function RecipientForm({ recipient, onSaved, onCancel }: Props) {
  const t = useT();
  const c = t.recipients;
  const client = useApolloClient();
  const idPrefix = recipient ? `recipient-${recipient.id}` : 'new-recipient';
  const [name, setName] = useState(recipient?.name ?? '');
  const [kind, setKind] = useState<RecipientKind>(recipient?.kind ?? 'PROCESSOR');
  const [country, setCountry] = useState(recipient?.country ?? 'FI');
  const [bases, setBases] = useState<DisclosureBasis[]>(recipient?.bases ?? []);
  const [terms, setTerms] = useState(termsState(recipient));
  const [dataFields, setDataFields] = useState<string[]>(recipient?.dataFields ?? []);
  const [active, setActive] = useState(recipient?.active ?? true);
  const [language, setLanguage] = useState<RecipientLanguage | ''>(recipient?.language ?? '');
  const [contactEmail, setContactEmail] = useState(recipient?.contactEmail ?? '');
  const [postalAddress, setPostalAddress] = useState(recipient?.postalAddress ?? '');
  const [conflict, setConflict] = useState(false);
  const options = { refetchQueries: [RecipientsQuery], awaitRefetchQueries: true };
  const [create, creating] = useMutation(CreateRecipientMutation, options);
  const [update, updating] = useMutation(UpdateRecipientMutation, options);
  const { error, loading } = recipient ? updating : creating;
  const errors = recipientErrors(t, error);
  const id = (field: string) => `${idPrefix}-${field}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setConflict(false);
    const input = {
      name: name.trim(),
      kind,
      country: country.trim().toUpperCase(),
      bases: DISCLOSURE_BASES.filter((b) => bases.includes(b)),
      // P9: the agreement, sub-processors and transfer safeguard (inside the EU/EEA the server keeps no safeguard).
      ...termsInput(terms),
      dataFields: kind === 'PROCESSOR' ? PROCESSABLE_FIELDS.filter((f) => dataFields.includes(f)) : [],
      active,
      // GDPR 19: where its notices go; without an e-mail they are printed and posted.
      language: language || null,
      contactEmail: contactEmail.trim() || null,
      postalAddress: postalAddress.trim() || null,
    };
    try {
      if (recipient) {
        await update({ variables: { id: recipient.id ?? '', version: recipient.version ?? 0, input } });
        onSaved(c.saved(input.name));
      } else {
        await create({ variables: { input } });
        onSaved(c.created(input.name));
        setName('');
        setBases([]);
        setTerms(termsState(null));
        setDataFields([]);
        setLanguage('');
        setContactEmail('');
        setPostalAddress('');
      }
    } catch (e) {
      if (hasCode(e, 'CONFLICT')) {
        setConflict(true);
        await client.refetchQueries({ include: [RecipientsQuery] });
      }
    }
  };

  const toggleBasis = (basis: DisclosureBasis, on: boolean) => setBases((prev) => (on ? [...prev, basis] : prev.filter((b) => b !== basis)));

  return (
    <form className="recipient-form" onSubmit={submit} aria-labelledby={`${idPrefix}-title`} data-testid={`${idPrefix}-form`} noValidate>
      <h2 id={`${idPrefix}-title`}>{recipient ? c.editTitle(recipient.name ?? '') : c.createTitle}</h2>
      {conflict && (
        <p className="notice notice-warning" role="alert">
          {c.conflict}
        </p>
      )}
      <FormErrors messages={errors.general} />
      <div className="form-grid">
        <TextField id={id('name')} label={c.name} value={name} onChange={setName} required maxLength={200} autoComplete="off" error={errors.byField.name} />
        <div className="field">
          <label htmlFor={id('kind')}>{c.kind}</label>
          <select id={id('kind')} value={kind} onChange={(e) => setKind(e.target.value as RecipientKind)}>
            {RECIPIENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id={id('country')}
          label={c.country}
          value={country}
          onChange={setCountry}
          required
          maxLength={2}
          autoComplete="off"
          hint={c.countryHint}
          error={errors.byField.country}
        />
      </div>
      <fieldset className={errors.byField.bases ? 'roles field-invalid' : 'roles'} aria-describedby={errors.byField.bases ? id('bases-error') : undefined}>
        <legend>{c.bases}</legend>
        {DISCLOSURE_BASES.map((basis) => (
          <label key={basis} className="checkbox">
            <input type="checkbox" checked={bases.includes(basis)} onChange={(e) => toggleBasis(basis, e.target.checked)} />
            {basisLabel(t, basis)}
          </label>
        ))}
        {errors.byField.bases && <FieldError id={id('bases-error')} message={errors.byField.bases} />}
      </fieldset>
      <ProcessorTermsFields idPrefix={idPrefix} country={country} value={terms} onChange={setTerms} errors={errors.byField} processor={kind === 'PROCESSOR'} />
      {kind === 'PROCESSOR' && (
        <fieldset
          className={errors.byField.dataFields ? 'roles field-invalid' : 'roles'}
          aria-describedby={errors.byField.dataFields ? id('dataFields-error') : undefined}
        >
          <legend>{t.partners.processor.dataFields}</legend>
          {PROCESSABLE_FIELDS.map((field) => (
            <label key={field} className="checkbox">
              <input
                type="checkbox"
                checked={dataFields.includes(field)}
                onChange={(e) => setDataFields((prev) => (e.target.checked ? [...prev, field] : prev.filter((f) => f !== field)))}
              />
              {t.partners.fields[field] ?? field}
            </label>
          ))}
          {errors.byField.dataFields && <FieldError id={id('dataFields-error')} message={errors.byField.dataFields} />}
        </fieldset>
      )}
      <fieldset className="notice-address">
        <legend>{c.noticeAddress}</legend>
        <p className="hint">{c.noticeAddressHint}</p>
        <div className="form-grid">
          <div className={errors.byField.language ? 'field field-invalid' : 'field'}>
            <label htmlFor={id('language')}>{c.language}</label>
            <select
              id={id('language')}
              value={language}
              onChange={(e) => setLanguage(e.target.value as RecipientLanguage | '')}
              aria-invalid={errors.byField.language ? true : undefined}
              aria-describedby={errors.byField.language ? id('language-error') : undefined}
            >
              <option value="">{c.languageDefault}</option>
              {RECIPIENT_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {c.languages[l] ?? l}
                </option>
              ))}
            </select>
            {errors.byField.language && <FieldError id={id('language-error')} message={errors.byField.language} />}
          </div>
          <TextField
            id={id('contactEmail')}
            label={c.contactEmail}
            type="email"
            value={contactEmail}
            onChange={setContactEmail}
            maxLength={254}
            autoComplete="off"
            error={errors.byField.contactEmail}
          />
        </div>
        <div className={errors.byField.postalAddress ? 'field field-invalid' : 'field'}>
          <label htmlFor={id('postalAddress')}>{c.postalAddress}</label>
          <textarea
            id={id('postalAddress')}
            value={postalAddress}
            rows={3}
            maxLength={500}
            onChange={(e) => setPostalAddress(e.target.value)}
            aria-invalid={errors.byField.postalAddress ? true : undefined}
            aria-describedby={[id('postalAddress-hint'), errors.byField.postalAddress ? id('postalAddress-error') : null].filter(Boolean).join(' ')}
          />
          <p className="hint" id={id('postalAddress-hint')}>
            {c.postalAddressHint}
          </p>
          {errors.byField.postalAddress && <FieldError id={id('postalAddress-error')} message={errors.byField.postalAddress} />}
        </div>
      </fieldset>
      {recipient && (
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            {c.active}
          </label>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {recipient ? c.save : c.create}
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
