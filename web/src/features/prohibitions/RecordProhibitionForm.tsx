import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors } from '../../app/components';
import { appErrors, splitErrors } from '../../app/errors';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { ContactChannel, NoticeVia, ProhibitionKind } from '../../gql/graphql';
import { writeProhibitionsInForce } from './cache';
import { CHANNELS, channelLabel, KINDS, kindLabel, STAFF_VIAS, viaLabel } from './labels';
import { ProhibitionHistoryQuery, RecordProhibitionMutation } from './operations';

interface Props {
  customerId: string;
  onRecorded(message: string): void;
}

/** P15: the customer's "no", recorded with how it came in; in force as soon as it is saved. */
export function RecordProhibitionForm({ customerId, onRecorded }: Props) {
  const { t, language } = useI18n();
  const [kind, setKind] = useState<ProhibitionKind>('DIRECT_MARKETING');
  const [channel, setChannel] = useState<ContactChannel | ''>('');
  const [via, setVia] = useState<NoticeVia | ''>('');
  const [note, setNote] = useState('');
  const [record, { loading, error, reset }] = useMutation(RecordProhibitionMutation, {
    update: (cache, { data }) => writeProhibitionsInForce(cache, customerId, data?.recordProhibition),
    refetchQueries: [ProhibitionHistoryQuery],
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!via) return; // the select is required; the browser says so
    try {
      await record({ variables: { customerId, input: { kind, channel: channel || null, via, note: note.trim() || null } } });
      onRecorded(t.prohibitions.recordedNotice(kindLabel(t, kind), channelLabel(t, channel || null)));
      setVia('');
      setNote('');
    } catch {
      // shown through `error`
    }
  };

  const errors = splitErrors(t, error, ['kind', 'channel', 'via', 'note']);
  // P15: the same "no" twice is one prohibition; the ledger says it once, and the form says since when.
  const inForce = appErrors(error).find((e) => e.code === 'ALREADY_IN_FORCE');
  if (inForce) {
    const since = typeof inForce.extensions.recordedAt === 'string' ? formatTime(inForce.extensions.recordedAt, language) : null;
    errors.byField.kind = t.prohibitions.alreadyInForce(kindLabel(t, kind), channelLabel(t, channel || null), since);
  }
  const describedBy = (field: string) => (errors.byField[field] ? `prohibition-${field}-error` : undefined);
  return (
    <form className="card prohibition-form" onSubmit={submit} aria-labelledby="record-prohibition-title" data-testid="record-prohibition">
      <h3 id="record-prohibition-title">{t.prohibitions.recordTitle}</h3>
      <p className="hint">{t.prohibitions.recordIntro}</p>
      <FormErrors messages={errors.general} />
      <div className="form-grid">
        <div className={errors.byField.kind ? 'field field-invalid' : 'field'}>
          <label htmlFor="prohibition-kind">{t.prohibitions.kind}</label>
          <select
            id="prohibition-kind"
            value={kind}
            onChange={(e) => {
              reset();
              setKind(e.target.value as ProhibitionKind);
            }}
            aria-describedby={describedBy('kind')}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
          {errors.byField.kind && <FieldError id="prohibition-kind-error" message={errors.byField.kind} />}
        </div>
        <div className={errors.byField.channel ? 'field field-invalid' : 'field'}>
          <label htmlFor="prohibition-channel">{t.prohibitions.channel}</label>
          <select
            id="prohibition-channel"
            value={channel}
            onChange={(e) => {
              reset();
              setChannel(e.target.value as ContactChannel | '');
            }}
            aria-describedby={describedBy('channel')}
          >
            <option value="">{t.prohibitions.allChannels}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelLabel(t, c)}
              </option>
            ))}
          </select>
          {errors.byField.channel && <FieldError id="prohibition-channel-error" message={errors.byField.channel} />}
        </div>
        <div className={errors.byField.via ? 'field field-invalid' : 'field'}>
          <label htmlFor="prohibition-via">{t.prohibitions.via}</label>
          <select
            id="prohibition-via"
            value={via}
            required
            onChange={(e) => {
              reset();
              setVia(e.target.value as NoticeVia | '');
            }}
            aria-invalid={errors.byField.via ? true : undefined}
            aria-describedby={describedBy('via')}
          >
            <option value="">{t.prohibitions.chooseVia}</option>
            {STAFF_VIAS.map((v) => (
              <option key={v} value={v}>
                {viaLabel(t, v)}
              </option>
            ))}
          </select>
          {errors.byField.via && <FieldError id="prohibition-via-error" message={errors.byField.via} />}
        </div>
      </div>
      <div className={errors.byField.note ? 'field field-invalid' : 'field'}>
        <label htmlFor="prohibition-note">{t.prohibitions.note}</label>
        <textarea
          id="prohibition-note"
          value={note}
          rows={2}
          maxLength={1000}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={errors.byField.note ? true : undefined}
          aria-describedby={describedBy('note')}
        />
        {errors.byField.note && <FieldError id="prohibition-note-error" message={errors.byField.note} />}
      </div>
      <button type="submit" className="primary" disabled={loading}>
        {t.prohibitions.record}
      </button>
    </form>
  );
}
