import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { useT } from '../../app/i18n';
import type { NoticeVia, ProhibitionFieldsFragment } from '../../gql/graphql';
import { writeProhibitionsInForce } from './cache';
import { channelLabel, kindLabel, prohibitionKey, STAFF_VIAS, viaLabel } from './labels';
import { LiftProhibitionMutation, ProhibitionHistoryQuery } from './operations';

interface Props {
  customerId: string;
  prohibition: ProhibitionFieldsFragment;
  onLifted(message: string): void;
  onCancel(): void;
}

/** Lifting needs the customer's own notice: how it came in is asked for every time. */
export function LiftProhibitionForm({ customerId, prohibition, onLifted, onCancel }: Props) {
  const t = useT();
  const [via, setVia] = useState<NoticeVia | ''>('');
  const [note, setNote] = useState('');
  // The form opens when the user asks to lift: focus moves to the one question it must answer.
  const viaRef = useFocusWhen<HTMLSelectElement>();
  const [lift, { loading, error }] = useMutation(LiftProhibitionMutation, {
    update: (cache, { data }) => writeProhibitionsInForce(cache, customerId, data?.liftProhibition),
    refetchQueries: [ProhibitionHistoryQuery],
  });
  const id = `lift-${prohibitionKey(prohibition)}`;
  const kind = kindLabel(t, prohibition.kind);
  const channel = channelLabel(t, prohibition.channel);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!via || !prohibition.kind) return;
    try {
      await lift({
        variables: { customerId, input: { kind: prohibition.kind, channel: prohibition.channel ?? null, via, note: note.trim() || null } },
      });
      onLifted(t.prohibitions.liftedNotice(kind, channel));
    } catch {
      // shown through `error`
    }
  };

  const errors = splitErrors(t, error, ['via', 'note']);
  return (
    <form className="lift-form" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid={id}>
      <p id={`${id}-title`} className="lift-title">
        {t.prohibitions.liftTitle(kind, channel)}
      </p>
      <p className="hint">{t.prohibitions.liftIntro}</p>
      <FormErrors messages={errors.general} />
      <div className="lift-fields">
        <div className={errors.byField.via ? 'field field-invalid' : 'field'}>
          <label htmlFor={`${id}-via`}>{t.prohibitions.via}</label>
          <select
            id={`${id}-via`}
            ref={viaRef}
            value={via}
            required
            onChange={(e) => setVia(e.target.value as NoticeVia | '')}
            aria-invalid={errors.byField.via ? true : undefined}
            aria-describedby={errors.byField.via ? `${id}-via-error` : undefined}
          >
            <option value="">{t.prohibitions.chooseVia}</option>
            {STAFF_VIAS.map((v) => (
              <option key={v} value={v}>
                {viaLabel(t, v)}
              </option>
            ))}
          </select>
          {errors.byField.via && <FieldError id={`${id}-via-error`} message={errors.byField.via} />}
        </div>
        <div className={errors.byField.note ? 'field field-invalid' : 'field'}>
          <label htmlFor={`${id}-note`}>{t.prohibitions.note}</label>
          <textarea
            id={`${id}-note`}
            value={note}
            rows={2}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={errors.byField.note ? true : undefined}
            aria-describedby={errors.byField.note ? `${id}-note-error` : undefined}
          />
          {errors.byField.note && <FieldError id={`${id}-note-error`} message={errors.byField.note} />}
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="danger" disabled={loading}>
          {t.prohibitions.liftConfirm}
        </button>
        <button type="button" onClick={onCancel}>
          {t.prohibitions.cancel}
        </button>
      </div>
    </form>
  );
}
