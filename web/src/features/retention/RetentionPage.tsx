import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorNotice, FormErrors, Loading, TextField } from '../../app/components';
import { hasCode, splitErrors } from '../../app/errors';
import { formatNumber, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { AcceptRetentionProposalMutation, KeepRetentionProposalMutation, RetentionProposalsQuery } from './operations';

interface Proposal {
  id: string;
  customerId: string;
  customerNumber: string;
  lastActivityAt: string;
  version: number;
}

/** P10, storage limitation: customers inactive for the configured period, kept with a reason or erased by the controller. */
export function RetentionPage() {
  const { t, language } = useI18n();
  const r = t.retention;
  const [status, setStatus] = useState('');
  const { data, loading, error, refetch } = useQuery(RetentionProposalsQuery, { fetchPolicy: 'cache-and-network' });
  const list = data?.retentionProposals;
  return (
    <section aria-labelledby="retention-title" data-testid="retention-page">
      <h1 id="retention-title">{r.title}</h1>
      <p className="intro">{r.intro}</p>
      <p role="status" className="status-message">
        {status}
      </p>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !list && <Loading />}
      {list && (
        <>
          <p className="count">{r.total(formatNumber(list.total, language))}</p>
          {list.items.length === 0 ? (
            <p className="empty">{r.empty}</p>
          ) : (
            <table className="data-table" data-testid="retention-table">
              <thead>
                <tr>
                  <th scope="col">{r.customer}</th>
                  <th scope="col">{r.lastActivity}</th>
                  <th scope="col">{r.decision}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((p) => (
                  <ProposalRow key={p.id} proposal={p} onDone={setStatus} />
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function ProposalRow({ proposal: p, onDone }: { proposal: Proposal; onDone(message: string): void }) {
  const { t, language } = useI18n();
  const r = t.retention;
  const [keeping, setKeeping] = useState(false);
  const options = { refetchQueries: [RetentionProposalsQuery], awaitRefetchQueries: true };
  const [accept, accepting] = useMutation(AcceptRetentionProposalMutation, options);
  const acceptNow = async () => {
    try {
      await accept({ variables: { id: p.id, version: p.version } });
      onDone(r.accepted(p.customerNumber));
    } catch (e) {
      onDone(hasCode(e, 'CONFLICT') ? r.conflict : r.failed);
    }
  };
  return (
    <>
      <tr data-testid={`retention-proposal-${p.customerNumber}`}>
        <td>
          <Link to={`/customers/${p.customerId}`}>{p.customerNumber}</Link>
        </td>
        <td>{formatTime(p.lastActivityAt, language)}</td>
        <td>
          {!keeping && (
            <>
              <button type="button" onClick={() => setKeeping(true)}>
                {r.keep}
              </button>{' '}
              <button type="button" className="danger" onClick={() => void acceptNow()} disabled={accepting.loading}>
                {r.accept}
              </button>
            </>
          )}
        </td>
      </tr>
      {keeping && (
        <tr>
          <td colSpan={3}>
            <KeepForm
              proposal={p}
              onDone={(message) => {
                setKeeping(false);
                onDone(message);
              }}
              onCancel={() => setKeeping(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function KeepForm({ proposal, onDone, onCancel }: { proposal: Proposal; onDone(message: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const r = t.retention;
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState('');
  const [keep, { loading, error }] = useMutation(KeepRetentionProposalMutation, { refetchQueries: [RetentionProposalsQuery], awaitRefetchQueries: true });
  const { byField, general } = splitErrors(t, error, ['reason']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(r.reasonRequired);
      return;
    }
    setMissing('');
    try {
      await keep({ variables: { id: proposal.id, version: proposal.version, reason: reason.trim() } });
      onDone(r.kept(proposal.customerNumber));
    } catch {
      // shown below
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={r.keepTitle(proposal.customerNumber)} noValidate>
      <FormErrors messages={general} />
      <TextField
        id={`keep-${proposal.id}-reason`}
        autoFocus
        label={r.reason}
        value={reason}
        onChange={setReason}
        maxLength={1000}
        error={missing || byField.reason}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {r.keep}
        </button>
        <button type="button" onClick={onCancel}>
          {r.cancel}
        </button>
      </div>
    </form>
  );
}
