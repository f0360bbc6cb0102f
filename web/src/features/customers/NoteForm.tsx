import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { CustomerNoteKind, NoteChannel } from '../../gql/graphql';
import { AddCustomerNoteMutation, CustomerTimelineQuery } from './notesOperations';

const CHANNELS: NoteChannel[] = ['PHONE', 'EMAIL', 'VISIT', 'OTHER'];
const MAX_LENGTH = 4000;

/** Issue 16: a note, or a contact with how it was made; every field error at once, focus on the first. */
export function NoteForm({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const n = t.customerNotes;
  const [kind, setKind] = useState<CustomerNoteKind>('NOTE');
  const [channel, setChannel] = useState<NoteChannel | ''>('');
  const [text, setText] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [add, { loading, error, reset }] = useMutation(AddCustomerNoteMutation, { refetchQueries: [CustomerTimelineQuery], awaitRefetchQueries: true });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    setSaved(false);
    const found: Record<string, string> = {};
    if (kind === 'CONTACT' && !channel) found.channel = n.channelRequired;
    if (text.trim().length === 0) found.text = n.textRequired;
    else if (text.trim().length > MAX_LENGTH) found.text = n.textTooLong(MAX_LENGTH);
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    try {
      await add({ variables: { input: { customerId, kind, channel: kind === 'CONTACT' ? channel || null : null, text } } });
      setText('');
      setChannel('');
      setSaved(true);
    } catch {
      // shown through `error`
    }
  };

  const server = splitErrors(t, error, ['kind', 'channel', 'text']);
  const errors = { ...server.byField, ...local };
  const describedBy = (field: string) => (errors[field] ? `note-${field}-error` : undefined);
  return (
    <form className="card note-form" onSubmit={submit} noValidate aria-labelledby="note-form-title" data-testid="note-form">
      <h3 id="note-form-title">{n.addTitle}</h3>
      <FormErrors messages={server.general} />
      <fieldset className="field">
        <legend>{n.kind}</legend>
        <label>
          <input type="radio" name="note-kind" value="NOTE" checked={kind === 'NOTE'} onChange={() => setKind('NOTE')} /> {n.kinds.NOTE}
        </label>
        <label>
          <input type="radio" name="note-kind" value="CONTACT" checked={kind === 'CONTACT'} onChange={() => setKind('CONTACT')} /> {n.kinds.CONTACT}
        </label>
      </fieldset>
      {kind === 'CONTACT' && (
        <div className={errors.channel ? 'field field-invalid' : 'field'}>
          <label htmlFor="note-channel">{n.channel}</label>
          <select
            id="note-channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as NoteChannel | '')}
            aria-invalid={errors.channel ? true : undefined}
            aria-describedby={describedBy('channel')}
          >
            <option value="">{n.chooseChannel}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {n.channels[c]}
              </option>
            ))}
          </select>
          {errors.channel && <FieldError id="note-channel-error" message={errors.channel} />}
        </div>
      )}
      <div className={errors.text ? 'field field-invalid' : 'field'}>
        <label htmlFor="note-text">{n.text}</label>
        <textarea
          id="note-text"
          value={text}
          rows={3}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={describedBy('text')}
        />
        {errors.text && <FieldError id="note-text-error" message={errors.text} />}
      </div>
      <button type="submit" className="primary" disabled={loading}>
        {n.save}
      </button>
      {saved && (
        <p role="status" className="notice">
          {n.saved}
        </p>
      )}
    </form>
  );
}
