import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors, TextField } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { useT } from '../../app/i18n';
import type { OutboxMessageFieldsFragment } from '../../gql/graphql';
import { MarkOutboxMessageSentMutation, OutboxMessagesQuery } from './operations';

/** A letter printed and posted (or handed over): the day it went, and a note; the server audits it. */
export function MarkSentForm({ message, onDone, onCancel }: { message: OutboxMessageFieldsFragment; onDone(): void; onCancel(): void }) {
  const t = useT();
  const o = t.outbox;
  // The company's calendar, not the browser's: the server checks the day against it.
  const [sentOn, setSentOn] = useState(message.latestSentOn);
  const [note, setNote] = useState('');
  const [mark, { loading, error }] = useMutation(MarkOutboxMessageSentMutation, { refetchQueries: [OutboxMessagesQuery], awaitRefetchQueries: true });
  const first = useFocusWhen<HTMLInputElement>();
  const { byField, general } = splitErrors(t, error, ['sentOn', 'note']);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await mark({ variables: { id: message.id, version: message.version, input: { sentOn, note: note.trim() || null } } });
      onDone();
    } catch {
      // shown below
    }
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={o.markSentTitle(message.subject)} data-testid="mark-sent-form">
      <FormErrors messages={general} />
      <div className={byField.sentOn ? 'field field-invalid' : 'field'}>
        <label htmlFor={`sent-on-${message.id}`}>{o.sentOn}</label>
        <input
          id={`sent-on-${message.id}`}
          ref={first}
          type="date"
          min={message.writtenOn}
          max={message.latestSentOn}
          required
          value={sentOn}
          onChange={(e) => setSentOn(e.target.value)}
          aria-invalid={byField.sentOn ? true : undefined}
          aria-describedby={byField.sentOn ? `sent-on-${message.id}-error` : undefined}
        />
        {byField.sentOn && <FieldError id={`sent-on-${message.id}-error`} message={byField.sentOn} />}
      </div>
      <TextField id={`sent-note-${message.id}`} label={o.note} value={note} onChange={setNote} maxLength={1000} error={byField.note} hint={o.noteHint} />
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {o.markSent}
        </button>
        <button type="button" onClick={onCancel}>
          {o.cancel}
        </button>
      </div>
    </form>
  );
}
