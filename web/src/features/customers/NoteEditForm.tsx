import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors } from '../../app/components';
import { appErrors, splitErrors } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { useI18n } from '../../app/i18n';
import { CustomerTimelineQuery, UpdateCustomerNoteMutation } from './notesOperations';

/** Issue 16: its author changes a note at the version they saw; someone else's change first is told, with a reload. */
export function NoteEditForm({ note, onDone, reload }: { note: { id: string; text: string; version: number }; onDone(): void; reload(): void }) {
  const { t } = useI18n();
  const n = t.customerNotes;
  const [text, setText] = useState(note.text);
  const [local, setLocal] = useState<string | null>(null);
  const field = useFocusWhen<HTMLTextAreaElement>(true);
  const [update, { loading, error, reset }] = useMutation(UpdateCustomerNoteMutation, { refetchQueries: [CustomerTimelineQuery], awaitRefetchQueries: true });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const empty = text.trim().length === 0;
    setLocal(empty ? n.textRequired : null);
    if (empty) return;
    try {
      await update({ variables: { id: note.id, version: note.version, text } });
      onDone();
    } catch (failure) {
      // Shown through `error`; on CONFLICT the timeline is read again, so the next save is made at the latest version.
      if (appErrors(failure).some((e) => e.code === 'CONFLICT')) reload();
    }
  };

  const conflict = appErrors(error).some((e) => e.code === 'CONFLICT');
  const errors = splitErrors(t, conflict ? undefined : error, ['text']);
  const message = local ?? errors.byField.text;
  const id = `note-edit-${note.id}`;
  return (
    <form className="note-edit" onSubmit={submit} noValidate data-testid="note-edit-form">
      <FormErrors messages={conflict ? [n.conflict] : errors.general} />
      <div className={message ? 'field field-invalid' : 'field'}>
        <label htmlFor={id}>{n.text}</label>
        <textarea
          id={id}
          ref={field}
          value={text}
          rows={3}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-error` : undefined}
        />
        {message && <FieldError id={`${id}-error`} message={message} />}
      </div>
      <button type="submit" className="primary" disabled={loading}>
        {n.save}
      </button>{' '}
      <button type="button" onClick={onDone}>
        {n.cancel}
      </button>
    </form>
  );
}
