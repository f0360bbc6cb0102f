import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { appErrors, describeError } from './errors';
import { useFocusOnFieldError } from './focus';
import { useT } from './i18n';

/** A request's errors, in the user's language, with an optional retry. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const messages = [...new Set(appErrors(error).map((e) => describeError(t, e)))];
  if (messages.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="error">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          <span aria-hidden="true">↻ </span>
          {t.ux.retry}
        </button>
      )}
    </div>
  );
}

/** Messages for a whole form (not about one field). */
export function FormErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="form-error">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t.app.loading}
    </p>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: ReactNode;
}

/** A field's label, hint and error around its control, which `describedBy` ties to them. */
function FieldFrame({ id, label, error, hint, children }: Pick<FieldProps, 'id' | 'label' | 'error' | 'hint'> & { children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}

/** The control's attributes that name it, announce its error and point at its hint. */
function controlProps({ id, value, onChange, error, hint }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    id,
    name: id,
    value,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
}

type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>;

/** A labelled input whose error is shown beside it and announced with it. */
export function TextField({ id, label, value, onChange, error, hint, ...rest }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <input {...controlProps({ id, label, value, onChange, error, hint })} {...rest} />
    </FieldFrame>
  );
}

type TextAreaFieldProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'>;

/** A labelled multi-line input (an address, one line per line), as `TextField`. */
export function TextAreaField({ id, label, value, onChange, error, hint, ...rest }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <textarea {...controlProps({ id, label, value, onChange, error, hint })} {...rest} />
    </FieldFrame>
  );
}

export function FieldError({ id, message }: { id: string; message: string }) {
  useFocusOnFieldError(id, message);
  return (
    <p className="field-error" id={id} data-testid={id}>
      {message}
    </p>
  );
}
