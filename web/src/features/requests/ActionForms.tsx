import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorNotice, FieldError, FormErrors, TextField } from '../../app/components';
import { useFocusWhen } from '../../app/focus';
import { formatLocalDate } from '../../app/format';
import { useI18n, useT } from '../../app/i18n';
import type { IdentityMethod, PrivacyRequestFieldsFragment } from '../../gql/graphql';
import { CustomerPicker, type PickedCustomer } from '../customers/CustomerPicker';
import { addMonths, dayAfter } from './dates';
import { IDENTITY_METHODS, methodLabel } from './labels';
import { AssignPrivacyRequestMutation, ExtendPrivacyRequestMutation, PrivacyOfficersQuery, PrivacyRequestQuery, VerifyIdentityMutation } from './operations';
import { requestErrors } from './requestErrors';

type Request = PrivacyRequestFieldsFragment;

export interface ActionFormProps {
  request: Request;
  onDone(message: string): void;
  onCancel(): void;
}

/** Every step reads the request again whole: its status, timeline and documents all change. */
const refetch = { refetchQueries: [PrivacyRequestQuery], awaitRefetchQueries: true };

function Buttons({ label, disabled, onCancel, danger }: { label: string; disabled: boolean; onCancel(): void; danger?: boolean }) {
  const t = useT();
  return (
    <div className="actions">
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={disabled}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        {t.requests.cancelAction}
      </button>
    </div>
  );
}

function TextArea({
  id,
  label,
  value,
  onChange,
  error,
  required,
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string;
  required?: boolean;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        rows={3}
        maxLength={2000}
        required={required}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}

function ActionForm({
  id,
  title,
  intro,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  onSubmit(e: FormEvent): void;
  children: ReactNode;
}) {
  return (
    <form className="action-form" onSubmit={onSubmit} aria-labelledby={`${id}-title`} data-testid={id} noValidate>
      <h3 id={`${id}-title`}>{title}</h3>
      {intro && <p className="hint">{intro}</p>}
      {children}
    </form>
  );
}

export function AssignForm({ request, onDone, onCancel }: ActionFormProps) {
  const t = useT();
  const r = t.requests;
  const officers = useQuery(PrivacyOfficersQuery);
  const [userId, setUserId] = useState(request.assignee?.id ?? '');
  const firstField = useFocusWhen<HTMLSelectElement>();
  const [assign, { loading, error }] = useMutation(AssignPrivacyRequestMutation, refetch);
  const errors = requestErrors(t, error, ['userId']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!userId) return;
    try {
      await assign({ variables: { id: request.id ?? '', userId } });
      onDone(r.assigned(officers.data?.privacyOfficers.find((o) => o.id === userId)?.displayName ?? ''));
    } catch {
      // shown through `error`
    }
  };
  return (
    <ActionForm id="assign-form" title={r.assign} onSubmit={submit}>
      {officers.error && <ErrorNotice error={officers.error} />}
      <FormErrors messages={errors.general} />
      <div className="field">
        <label htmlFor="assign-user">{r.assignTo}</label>
        <select id="assign-user" ref={firstField} value={userId} required onChange={(e) => setUserId(e.target.value)}>
          <option value="">{r.chooseOfficer}</option>
          {officers.data?.privacyOfficers.map((o) => (
            <option key={o.id} value={o.id}>
              {o.displayName}
            </option>
          ))}
        </select>
        {errors.byField.userId && <FieldError id="assign-user-error" message={errors.byField.userId} />}
      </div>
      <Buttons label={r.assignSave} disabled={loading} onCancel={onCancel} />
    </ActionForm>
  );
}

/** Nothing is disclosed or changed before this; a request that named no customer is tied to one here. */
export function VerifyIdentityForm({ request, onDone, onCancel }: ActionFormProps) {
  const t = useT();
  const r = t.requests;
  const [method, setMethod] = useState<IdentityMethod | ''>('');
  const firstField = useFocusWhen<HTMLSelectElement>();
  const [note, setNote] = useState('');
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [verify, { loading, error, reset }] = useMutation(VerifyIdentityMutation, refetch);
  const errors = requestErrors(t, error, ['method', 'note', 'customerId'], 'verify');
  const needsCustomer = !request.customer;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!method) return;
    try {
      await verify({ variables: { id: request.id ?? '', input: { method, note: note.trim() || null }, customerId: customer?.id ?? null } });
      onDone(r.verified);
    } catch {
      // shown through `error`
    }
  };
  return (
    <ActionForm id="verify-form" title={r.verify} intro={r.verifyIntro} onSubmit={submit}>
      <FormErrors messages={errors.general} />
      <div className="form-grid">
        <div className={errors.byField.method ? 'field field-invalid' : 'field'}>
          <label htmlFor="verify-method">{r.method}</label>
          <select id="verify-method" ref={firstField} value={method} required onChange={(e) => setMethod(e.target.value as IdentityMethod | '')}>
            <option value="">{r.choose}</option>
            {IDENTITY_METHODS.map((m) => (
              <option key={m} value={m}>
                {methodLabel(t, m)}
              </option>
            ))}
          </select>
          {errors.byField.method && <FieldError id="verify-method-error" message={errors.byField.method} />}
        </div>
      </div>
      {needsCustomer && (
        <CustomerPicker
          id="verify-customer"
          label={r.verifyCustomer}
          value={customer}
          onChange={(c) => {
            reset();
            setCustomer(c);
          }}
          error={errors.byField.customerId}
        />
      )}
      <TextArea id="verify-note" label={r.verifyNote} value={note} onChange={setNote} error={errors.byField.note} />
      <Buttons label={r.verifySave} disabled={loading || !method || (needsCustomer && !customer)} onCancel={onCancel} />
    </ActionForm>
  );
}

/** GDPR 12(3): at most two further months (three from receipt), only while the first month runs. */
export function ExtendForm({ request, onDone, onCancel }: ActionFormProps) {
  const { t, language } = useI18n();
  const r = t.requests;
  const latest = request.receivedAt ? addMonths(request.receivedAt, 3) : undefined;
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [extend, { loading, error }] = useMutation(ExtendPrivacyRequestMutation, refetch);
  const errors = requestErrors(t, error, ['until', 'reason']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await extend({ variables: { id: request.id ?? '', input: { until, reason: reason.trim() } } });
      onDone(r.extended);
    } catch {
      // shown through `error`
    }
  };
  return (
    <ActionForm id="extend-form" title={r.extend} intro={r.extendRule} onSubmit={submit}>
      <FormErrors messages={errors.general} />
      <div className="form-grid">
        <TextField
          id="extend-until"
          label={r.extendUntil}
          type="date"
          value={until}
          onChange={setUntil}
          required
          min={request.dueAt ? dayAfter(request.dueAt) : undefined}
          max={latest}
          hint={latest ? r.extendLatest(formatLocalDate(latest, language)) : undefined}
          error={errors.byField.until}
        />
      </div>
      <TextArea id="extend-reason" label={r.extendReason} value={reason} onChange={setReason} required error={errors.byField.reason} />
      <Buttons label={r.extendSave} disabled={loading} onCancel={onCancel} />
    </ActionForm>
  );
}

interface ReasonFormProps {
  id: string;
  title: string;
  intro: string;
  label: string;
  submitLabel: string;
  required: boolean;
  loading: boolean;
  error: unknown;
  /** The field the server names for this text: `reason` or `note`. */
  field: string;
  onSubmit(text: string): void;
  onCancel(): void;
}

/** Refusing (a reason the requester is told) or marking withdrawn (an optional note). */
export function ReasonForm({ id, title, intro, label, submitLabel, required, loading, error, field, onSubmit, onCancel }: ReasonFormProps) {
  const t = useT();
  const [text, setText] = useState('');
  const errors = requestErrors(t, error, [field]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (required && !text.trim()) return;
    onSubmit(text.trim());
  };
  return (
    <ActionForm id={id} title={title} intro={intro} onSubmit={submit}>
      <FormErrors messages={errors.general} />
      <TextArea id={`${id}-text`} label={label} value={text} onChange={setText} required={required} error={errors.byField[field]} />
      <Buttons label={submitLabel} disabled={loading || (required && !text.trim())} onCancel={onCancel} danger />
    </ActionForm>
  );
}
