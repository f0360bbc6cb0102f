import type { InputHTMLAttributes, ReactNode } from 'react';
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

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: ReactNode;
}

/** A labelled input whose error is shown beside it and announced with it. */
export function TextField({ id, label, value, onChange, error, hint, ...rest }: TextFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
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
