import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { FieldError, FormErrors, TextField } from '../../app/components';
import { useT } from '../../app/i18n';
import type { PrivacyRequestType, RequestLanguage, RequestReceivedVia } from '../../gql/graphql';
import { CustomerPicker, type PickedCustomer } from '../customers/CustomerPicker';
import { emptyItem, emptyProhibition, ProhibitionRows, RectificationItemRows, type ItemDraft, type ProhibitionDraft } from './IntakeRows';
import { languageLabel, RECEIVED_VIAS, REQUEST_LANGUAGES, REQUEST_TYPES, typeLabel, viaLabel } from './labels';
import { CreatePrivacyRequestMutation, OpenPrivacyRequestsByAgeQuery, PrivacyRequestsQuery } from './operations';
import { requestErrors } from './requestErrors';

/** Now as a `datetime-local` value in the user's time zone, to the minute. */
function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset(), 0, 0);
  return now.toISOString().slice(0, 16);
}

/** Fields the form shows a server message beside; the rest go to the top. */
const SIMPLE_FIELDS = ['type', 'customerId', 'requesterName', 'requesterContact', 'receivedAt', 'paperOriginalLocation', 'items', 'prohibitions'];

/** Intake (P11, P14): a request is recorded as it came in; its deadline runs from receipt. */
export function CreateRequestPage() {
  const t = useT();
  const r = t.requests;
  const ability = useAppAbility();
  const navigate = useNavigate();
  const [type, setType] = useState<PrivacyRequestType>('ACCESS');
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [requesterName, setRequesterName] = useState('');
  const [requesterContact, setRequesterContact] = useState('');
  const [receivedVia, setReceivedVia] = useState<RequestReceivedVia>('LETTER');
  const [language, setLanguage] = useState<RequestLanguage>('FI');
  const [signed, setSigned] = useState(false);
  const [initialReceivedAt] = useState(localNow);
  const [receivedAt, setReceivedAt] = useState(initialReceivedAt);
  const [paperOriginalLocation, setPaperOriginalLocation] = useState('');
  const [items, setItems] = useState<ItemDraft[]>(() => [emptyItem()]);
  const [prohibitions, setProhibitions] = useState<ProhibitionDraft[]>(() => [emptyProhibition()]);
  const [create, { loading, error, reset }] = useMutation(CreatePrivacyRequestMutation, {
    refetchQueries: [PrivacyRequestsQuery, OpenPrivacyRequestsByAgeQuery],
  });
  // P11: where the signed original is kept is for privacy officers' eyes only.
  const mayKeepPaper = ability.can('read', 'PrivacyRequest', 'paperOriginalLocation');

  const fields = [...SIMPLE_FIELDS, ...items.flatMap((_, i) => [`items.${i}.field`, `items.${i}.proposedValue`, `items.${i}.reason`])];
  const errors = requestErrors(t, error, fields);
  const byField = errors.byField;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { data } = await create({
        variables: {
          input: {
            type,
            customerId: customer?.id ?? null,
            requesterName: requesterName.trim(),
            requesterContact: requesterContact.trim() || null,
            receivedVia,
            language,
            signed,
            // Unchanged: the server takes the moment it receives the form.
            receivedAt: receivedAt && receivedAt !== initialReceivedAt ? new Date(receivedAt).toISOString() : null,
            paperOriginalLocation: mayKeepPaper ? paperOriginalLocation.trim() || null : null,
            items:
              type === 'RECTIFICATION'
                ? items.map((item) => ({ field: item.field, proposedValue: item.proposedValue.trim(), reason: item.reason.trim() || null }))
                : null,
            prohibitions: type === 'OBJECTION' ? prohibitions.map((p) => ({ kind: p.kind, channel: p.channel || null })) : null,
          },
        },
      });
      const id = data?.createPrivacyRequest.id;
      if (id) void navigate(`/requests/${id}`, { state: { created: true } });
    } catch {
      // shown through `error`
    }
  };

  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      reset();
      set(value);
    };

  return (
    <section aria-labelledby="intake-title">
      <p>
        <Link to="/requests">← {r.backToList}</Link>
      </p>
      <h1 id="intake-title">{r.createTitle}</h1>
      <p className="hint intro">{r.createIntro}</p>
      <form className="edit-form" onSubmit={submit} aria-labelledby="intake-title" data-testid="intake-form" noValidate>
        <FormErrors messages={errors.general} />
        <div className="form-grid">
          <div className="field">
            <label htmlFor="intake-type">{r.type}</label>
            <select id="intake-type" value={type} onChange={(e) => changed(setType)(e.target.value as PrivacyRequestType)}>
              {REQUEST_TYPES.map((value) => (
                <option key={value} value={value}>
                  {typeLabel(t, value)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="intake-receivedVia">{r.receivedVia}</label>
            <select id="intake-receivedVia" value={receivedVia} onChange={(e) => setReceivedVia(e.target.value as RequestReceivedVia)}>
              {RECEIVED_VIAS.map((via) => (
                <option key={via} value={via}>
                  {viaLabel(t, via)}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="intake-receivedAt"
            label={r.receivedAt}
            type="datetime-local"
            value={receivedAt}
            onChange={changed(setReceivedAt)}
            hint={r.receivedAtHint}
            error={byField.receivedAt}
          />
        </div>
        <CustomerPicker
          id="intake-customer"
          label={r.requestCustomer}
          hint={r.requestCustomerHint}
          value={customer}
          onChange={changed(setCustomer)}
          error={byField.customerId}
        />
        <div className="form-grid">
          <TextField
            id="intake-requesterName"
            label={r.requesterName}
            value={requesterName}
            onChange={changed(setRequesterName)}
            required
            maxLength={200}
            autoComplete="off"
            error={byField.requesterName}
          />
          <TextField
            id="intake-requesterContact"
            label={r.requesterContact}
            value={requesterContact}
            onChange={changed(setRequesterContact)}
            maxLength={500}
            autoComplete="off"
            hint={r.requesterContactHint}
            error={byField.requesterContact}
          />
          <fieldset className="choices">
            <legend>{r.language}</legend>
            {REQUEST_LANGUAGES.map((value) => (
              <label key={value} className="checkbox">
                <input type="radio" name="intake-language" value={value} checked={language === value} onChange={() => setLanguage(value)} />
                {languageLabel(t, value)}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="form-grid">
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" id="intake-signed" checked={signed} onChange={(e) => setSigned(e.target.checked)} />
              {r.signed}
            </label>
          </div>
          {mayKeepPaper && (
            <TextField
              id="intake-paperOriginalLocation"
              label={r.paperOriginalLocation}
              value={paperOriginalLocation}
              onChange={changed(setPaperOriginalLocation)}
              maxLength={500}
              autoComplete="off"
              hint={r.paperOriginalLocationHint}
              error={byField.paperOriginalLocation}
            />
          )}
        </div>
        {type === 'RECTIFICATION' && <RectificationItemRows rows={items} onChange={changed(setItems)} errors={byField} />}
        {type === 'OBJECTION' && <ProhibitionRows rows={prohibitions} onChange={changed(setProhibitions)} errors={byField} />}
        {byField.type && <FieldError id="intake-type-error" message={byField.type} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={loading}>
            {r.create}
          </button>
          <Link className="button" to="/requests">
            {r.cancel}
          </Link>
        </div>
      </form>
    </section>
  );
}
