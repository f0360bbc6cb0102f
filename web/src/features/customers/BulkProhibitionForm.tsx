import { useApolloClient } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError } from '../../app/components';
import { appErrors, describeError } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { useT } from '../../app/i18n';
import type { ContactChannel, NoticeVia, ProhibitionKind } from '../../gql/graphql';
import { writeProhibitionsInForce } from '../prohibitions/cache';
import { CHANNELS, channelLabel, KINDS, kindLabel, STAFF_VIAS, viaLabel } from '../prohibitions/labels';
import { RecordProhibitionMutation } from '../prohibitions/operations';

export interface SelectedCustomer {
  id: string;
  customerNumber: string;
  name: string;
}

type Outcome = 'RECORDED' | 'ALREADY_IN_FORCE' | 'MERGED' | 'FAILED';
interface Result {
  customer: SelectedCustomer;
  outcome: Outcome;
  message?: string;
}

/**
 * Issue 16, P15: one customer's "no" recorded for each selected customer, through the prohibitions
 * module's own mutation (its checks, ledger and audit, customer by customer). Each customer's
 * outcome is shown: recorded, in force already (nothing appended), or refused and why.
 */
export function BulkProhibitionForm({ customers, onClose }: { customers: SelectedCustomer[]; onClose(): void }) {
  const t = useT();
  const client = useApolloClient();
  const [kind, setKind] = useState<ProhibitionKind>('DIRECT_MARKETING');
  const [channel, setChannel] = useState<ContactChannel | ''>('');
  const [via, setVia] = useState<NoticeVia | ''>('');
  const [note, setNote] = useState('');
  const [viaError, setViaError] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [results, setResults] = useState<Result[] | null>(null);
  const heading = useFocusWhen<HTMLHeadingElement>(true);
  const viaRef = useFocusWhen<HTMLSelectElement>(viaError);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!via) {
      setViaError(true);
      viaRef.current?.focus();
      return;
    }
    setViaError(false);
    setResults(null);
    const done: Result[] = [];
    setProgress(0);
    // One after another: each is its own transaction on the server, under that customer's lock.
    for (const customer of customers) {
      try {
        const { data } = await client.mutate({
          mutation: RecordProhibitionMutation,
          variables: { customerId: customer.id, input: { kind, channel: channel || null, via, note: note.trim() || null } },
          update: (cache, { data: answer }) => writeProhibitionsInForce(cache, customer.id, answer?.recordProhibition),
        });
        done.push({ customer, outcome: data ? 'RECORDED' : 'FAILED' });
      } catch (error) {
        const errors = appErrors(error);
        const merged = errors.find((e) => e.extensions.reason === 'ALREADY_MERGED');
        if (errors.some((e) => e.code === 'ALREADY_IN_FORCE')) done.push({ customer, outcome: 'ALREADY_IN_FORCE' });
        // P6: a merged record takes no "no" of its own; the row says which customer to record it on.
        else if (merged) {
          const kept = typeof merged.extensions.keptCustomerNumber === 'string' ? merged.extensions.keptCustomerNumber : null;
          done.push({ customer, outcome: 'MERGED', message: t.customerList.mergedOutcome(kept) });
        } else done.push({ customer, outcome: 'FAILED', message: errors.map((e) => describeError(t, e)).join(' ') });
      }
      setProgress(done.length);
    }
    setProgress(null);
    setResults(done);
  };

  const count = (outcome: Outcome) => results?.filter((r) => r.outcome === outcome).length ?? 0;
  return (
    <form className="card prohibition-form" onSubmit={submit} aria-labelledby="bulk-prohibition-title" data-testid="bulk-prohibition" noValidate>
      <h3 id="bulk-prohibition-title" tabIndex={-1} ref={heading}>
        {t.customerList.recordTitle(customers.length)}
      </h3>
      <p className="hint">{t.customerList.recordIntro}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="bulk-prohibition-kind">{t.prohibitions.kind}</label>
          <select id="bulk-prohibition-kind" value={kind} onChange={(e) => setKind(e.target.value as ProhibitionKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="bulk-prohibition-channel">{t.prohibitions.channel}</label>
          <select id="bulk-prohibition-channel" value={channel} onChange={(e) => setChannel(e.target.value as ContactChannel | '')}>
            <option value="">{t.prohibitions.allChannels}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelLabel(t, c)}
              </option>
            ))}
          </select>
        </div>
        <div className={viaError ? 'field field-invalid' : 'field'}>
          <label htmlFor="bulk-prohibition-via">{t.prohibitions.via}</label>
          <select
            id="bulk-prohibition-via"
            ref={viaRef}
            value={via}
            onChange={(e) => setVia(e.target.value as NoticeVia | '')}
            aria-invalid={viaError || undefined}
            aria-describedby={viaError ? 'bulk-prohibition-via-error' : undefined}
            required
          >
            <option value="">{t.prohibitions.chooseVia}</option>
            {STAFF_VIAS.map((v) => (
              <option key={v} value={v}>
                {viaLabel(t, v)}
              </option>
            ))}
          </select>
          {viaError && <FieldError id="bulk-prohibition-via-error" message={t.customerList.viaRequired} />}
        </div>
        <div className="field">
          <label htmlFor="bulk-prohibition-note">{t.prohibitions.note}</label>
          <input id="bulk-prohibition-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={progress !== null}>
          {progress !== null ? t.customerList.recording(progress, customers.length) : t.customerList.recordSubmit}
        </button>
        <button type="button" onClick={onClose} disabled={progress !== null}>
          {t.customerList.close}
        </button>
      </div>
      {results && (
        <div data-testid="bulk-prohibition-results">
          <p role="status">{t.customerList.outcomeSummary(count('RECORDED'), count('ALREADY_IN_FORCE'), count('FAILED') + count('MERGED'))}</p>
          <h4>{t.customerList.resultsTitle}</h4>
          <ul>
            {results.map((r) => (
              <li key={r.customer.id} data-outcome={r.outcome}>
                {r.customer.customerNumber} {r.customer.name}: {r.outcome === 'MERGED' ? r.message : t.customerList.outcomes[r.outcome]}
                {r.message && r.outcome !== 'MERGED' ? ` (${r.message})` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
