import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, FieldError, FormErrors, Loading, TextField } from '../../app/components';
import { hasCode, splitErrors } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { formatNumber, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { DestructionMethod, PaperRecordFieldsFragment, PaperRecordKind, PaperRecordState } from '../../gql/graphql';
import { PaperRecordCustodiansQuery, PaperRecordsQuery, RecordPaperDestructionMutation, RecordPaperMutation } from './operations';

const PAGE_SIZE = 50;
const STATES: PaperRecordState[] = ['DUE', 'HELD', 'DESTROYED', 'ALL'];
const KINDS: PaperRecordKind[] = ['SIGNED_REQUEST', 'CONTRACT', 'ORDER_FORM', 'OTHER'];
const METHODS: DestructionMethod[] = ['SHREDDED', 'INCINERATED', 'DESTRUCTION_SERVICE', 'RETURNED'];
const RECORD_FIELDS = ['kind', 'description', 'location', 'custodianId', 'customerNumber', 'requestNumber', 'receivedOn', 'destroyBy'];

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** P11: the register of paper material: where each paper is locked away, by when it goes, and its destruction. */
export function PaperRecordsPage() {
  const { t, language } = useI18n();
  const p = t.paperRecords;
  const ability = useAppAbility();
  const [state, setState] = useState<PaperRecordState>('DUE');
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, loading, error, refetch, fetchMore } = useQuery(PaperRecordsQuery, {
    variables: { state, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.paperRecords;

  const loadMore = async () => {
    const after = connection?.pageInfo.endCursor;
    if (!after) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after },
        updateQuery: (previous, { fetchMoreResult }) => ({
          paperRecords: { ...fetchMoreResult.paperRecords, edges: [...previous.paperRecords.edges, ...fetchMoreResult.paperRecords.edges] },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section aria-labelledby="paper-records-title" data-testid="paper-records-page">
      <h1 id="paper-records-title">{p.title}</h1>
      <p className="intro">{p.intro}</p>
      <p role="status" className="status-message">
        {status}
      </p>
      {ability.can('create', 'PaperRecord') &&
        (adding ? (
          <RecordPaperForm
            onDone={(message) => {
              setAdding(false);
              setStatus(message);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="record-paper">
            {p.record}
          </button>
        ))}
      <fieldset className="tabs">
        <legend className="visually-hidden">{p.filters}</legend>
        {STATES.map((s) => (
          <button key={s} type="button" aria-pressed={state === s} onClick={() => setState(s)} data-testid={`paper-state-${s}`}>
            {p.states[s]}
          </button>
        ))}
      </fieldset>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !connection && <Loading />}
      {connection && (
        <>
          <p className="count" data-testid="paper-records-total">
            {p.total(formatNumber(connection.totalCount, language), connection.totalCountCapped)}
          </p>
          {connection.edges.length === 0 ? (
            <p className="empty" data-testid="paper-records-empty">
              {p.empty}
            </p>
          ) : (
            <table className="data-table" data-testid="paper-records-table">
              <thead>
                <tr>
                  <th scope="col">{p.kind}</th>
                  <th scope="col">{p.description}</th>
                  <th scope="col">{p.location}</th>
                  <th scope="col">{p.custodian}</th>
                  <th scope="col">{p.destroyBy}</th>
                  <th scope="col">{p.status}</th>
                </tr>
              </thead>
              <tbody>
                {connection.edges.map(({ node }) => (
                  <PaperRow key={node.id} record={node} canDestroy={ability.can('erase', 'PaperRecord')} onDestroyed={setStatus} />
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {connection?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
          {p.more}
        </button>
      )}
    </section>
  );
}

function PaperRow({ record: r, canDestroy, onDestroyed }: { record: PaperRecordFieldsFragment; canDestroy: boolean; onDestroyed(message: string): void }) {
  const { t, language } = useI18n();
  const p = t.paperRecords;
  const [destroying, setDestroying] = useState(false);
  const refs = [
    r.customer ? `${p.customerNumber} ${r.customer.customerNumber}` : null,
    r.request ? `${p.requestNumber} ${r.request.requestNumber}` : null,
  ].filter(Boolean);
  return (
    <>
      <tr data-testid={`paper-record-${r.id}`} className={r.overdue ? 'row-overdue' : undefined}>
        <td>{p.kinds[r.kind]}</td>
        <td>
          {r.description}
          {refs.length > 0 && <div className="hint">{refs.join(' · ')}</div>}
        </td>
        <td>{r.location}</td>
        <td>{r.custodian.displayName}</td>
        <td>{r.destroyBy}</td>
        <td>
          {r.destroyed ? (
            <span data-testid="paper-destroyed">
              {p.destroyedOn(
                r.destroyedAt ? formatTime(r.destroyedAt, language) : '',
                r.destroyedBy?.displayName ?? '',
                p.methods[r.destructionMethod ?? ''] ?? '',
              )}
            </span>
          ) : (
            <>
              {r.overdue ? <strong className="badge badge-warning">{p.overdue}</strong> : <span>{p.held}</span>}{' '}
              {canDestroy && !destroying && (
                <button type="button" onClick={() => setDestroying(true)} data-testid="destroy-paper">
                  {p.destroy}
                </button>
              )}
            </>
          )}
        </td>
      </tr>
      {destroying && (
        <tr>
          <td colSpan={6}>
            <DestroyForm
              record={r}
              onDone={() => {
                setDestroying(false);
                onDestroyed(p.destroyed);
              }}
              onCancel={() => setDestroying(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function DestroyForm({ record, onDone, onCancel }: { record: PaperRecordFieldsFragment; onDone(): void; onCancel(): void }) {
  const { t } = useI18n();
  const p = t.paperRecords;
  const [method, setMethod] = useState<DestructionMethod>('SHREDDED');
  const [note, setNote] = useState('');
  const [conflict, setConflict] = useState(false);
  const [destroy, { loading, error }] = useMutation(RecordPaperDestructionMutation, { refetchQueries: [PaperRecordsQuery], awaitRefetchQueries: true });
  const first = useFocusWhen<HTMLSelectElement>();
  const { byField, general } = splitErrors(t, error, ['method', 'note']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setConflict(false);
    try {
      await destroy({ variables: { id: record.id, version: record.version, input: { method, note: note.trim() || null } } });
      onDone();
    } catch (e) {
      if (hasCode(e, 'CONFLICT')) setConflict(true);
    }
  };
  const id = (f: string) => `destroy-${record.id}-${f}`;
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={p.destroyTitle(record.description)} data-testid="destroy-paper-form">
      {conflict && (
        <p className="notice notice-warning" role="alert">
          {p.conflict}
        </p>
      )}
      <FormErrors messages={conflict ? [] : general} />
      <div className={byField.method ? 'field field-invalid' : 'field'}>
        <label htmlFor={id('method')}>{p.method}</label>
        <select id={id('method')} ref={first} value={method} onChange={(e) => setMethod(e.target.value as DestructionMethod)}>
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {p.methods[m]}
            </option>
          ))}
        </select>
        {byField.method && <FieldError id={`${id('method')}-error`} message={byField.method} />}
      </div>
      <TextField id={id('note')} label={p.note} value={note} onChange={setNote} maxLength={1000} error={byField.note} />
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {p.confirmDestroy}
        </button>
        <button type="button" onClick={onCancel}>
          {p.cancel}
        </button>
      </div>
    </form>
  );
}

function RecordPaperForm({ onDone, onCancel }: { onDone(message: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const p = t.paperRecords;
  const [kind, setKind] = useState<PaperRecordKind>('SIGNED_REQUEST');
  const [description, setDescription] = useState('');
  const [location, setLocation] = useState('');
  const [custodianId, setCustodianId] = useState('');
  const [customerNumber, setCustomerNumber] = useState('');
  const [requestNumber, setRequestNumber] = useState('');
  const [receivedOn, setReceivedOn] = useState(today);
  const [destroyBy, setDestroyBy] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const custodians = useQuery(PaperRecordCustodiansQuery);
  const [record, { loading, error }] = useMutation(RecordPaperMutation, { refetchQueries: [PaperRecordsQuery], awaitRefetchQueries: true });
  const first = useFocusWhen<HTMLSelectElement>();
  const server = splitErrors(t, error, RECORD_FIELDS);
  const byField = { ...server.byField, ...local };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Every missing field at once; the server checks them all again.
    const missing: Record<string, string> = {};
    if (!description.trim()) missing.description = p.required.description;
    if (!location.trim()) missing.location = p.required.location;
    if (!receivedOn) missing.receivedOn = p.required.receivedOn;
    if (!destroyBy) missing.destroyBy = p.required.destroyBy;
    else if (receivedOn && destroyBy < receivedOn) missing.destroyBy = p.required.destroyBeforeReceived;
    setLocal(missing);
    if (Object.keys(missing).length > 0) {
      document.getElementById(`paper-${Object.keys(missing)[0]}`)?.focus();
      return;
    }
    try {
      await record({
        variables: {
          input: {
            kind,
            description: description.trim(),
            location: location.trim(),
            custodianId: custodianId || null,
            customerNumber: customerNumber.trim() || null,
            requestNumber: requestNumber.trim() || null,
            receivedOn,
            destroyBy,
          },
        },
      });
      onDone(p.recorded);
    } catch {
      // shown below
    }
  };

  const dateField = (field: 'receivedOn' | 'destroyBy', value: string, set: (v: string) => void) => (
    <div className={byField[field] ? 'field field-invalid' : 'field'}>
      <label htmlFor={`paper-${field}`}>{p[field]}</label>
      <input
        id={`paper-${field}`}
        type="date"
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={byField[field] ? true : undefined}
        aria-describedby={byField[field] ? `paper-${field}-error` : undefined}
      />
      {byField[field] && <FieldError id={`paper-${field}-error`} message={byField[field]} />}
    </div>
  );

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-labelledby="record-paper-title" data-testid="record-paper-form" noValidate>
      <h2 id="record-paper-title">{p.recordTitle}</h2>
      <FormErrors messages={server.general} />
      <div className="form-grid">
        <div className="field">
          <label htmlFor="paper-kind">{p.kind}</label>
          <select id="paper-kind" ref={first} value={kind} onChange={(e) => setKind(e.target.value as PaperRecordKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {p.kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <TextField id="paper-description" label={p.description} value={description} onChange={setDescription} maxLength={1000} error={byField.description} />
        <TextField id="paper-location" label={p.location} value={location} onChange={setLocation} maxLength={300} error={byField.location} />
        <div className={byField.custodianId ? 'field field-invalid' : 'field'}>
          <label htmlFor="paper-custodianId">{p.custodian}</label>
          <select id="paper-custodianId" value={custodianId} onChange={(e) => setCustodianId(e.target.value)}>
            <option value="">—</option>
            {(custodians.data?.paperRecordCustodians ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
          {byField.custodianId && <FieldError id="paper-custodianId-error" message={byField.custodianId} />}
        </div>
        <TextField
          id="paper-customerNumber"
          label={p.customerNumber}
          value={customerNumber}
          onChange={setCustomerNumber}
          inputMode="numeric"
          maxLength={20}
          error={byField.customerNumber}
        />
        <TextField
          id="paper-requestNumber"
          label={p.requestNumber}
          value={requestNumber}
          onChange={setRequestNumber}
          inputMode="numeric"
          maxLength={20}
          error={byField.requestNumber}
        />
        {dateField('receivedOn', receivedOn, setReceivedOn)}
        {dateField('destroyBy', destroyBy, setDestroyBy)}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {p.record}
        </button>
        <button type="button" onClick={onCancel}>
          {p.cancel}
        </button>
      </div>
    </form>
  );
}
