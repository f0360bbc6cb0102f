import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../app/components';
import { hasCode } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { useT } from '../../app/i18n';
import type { InvoiceFieldsFragment, InvoiceStatus } from '../../gql/graphql';
import { UpdateInvoiceMutation } from './operations';

/** The steps the server allows from each status (it decides; this only offers the buttons). */
const NEXT: Record<InvoiceStatus, InvoiceStatus[]> = {
  OPEN: ['PAID', 'IN_COLLECTION', 'CREDITED'],
  IN_COLLECTION: ['PAID', 'CREDITED'],
  PAID: ['CREDITED'],
  CREDITED: [],
};

/** Sales moves an invoice on: paid, to a collection agency, or credited (after a confirmation). */
export function InvoiceActions({ invoice }: { invoice: InvoiceFieldsFragment }) {
  const t = useT();
  const [mode, setMode] = useState<'collection' | 'credit' | null>(null);
  const [agency, setAgency] = useState('');
  const [conflict, setConflict] = useState(false);
  const [update, { loading, error, reset }] = useMutation(UpdateInvoiceMutation);
  // Focus moves into the step the user opened: the agency's field, or the credit's confirmation.
  const agencyRef = useFocusWhen<HTMLInputElement>(mode === 'collection');
  const confirmCreditRef = useFocusWhen<HTMLButtonElement>(mode === 'credit');
  const next = invoice.status ? NEXT[invoice.status] : [];
  const number = invoice.invoiceNumber ?? '';
  const idOf = (what: string) => `invoice-${invoice.id}-${what}`;

  const change = async (status: InvoiceStatus, collectionAgency?: string) => {
    setConflict(false);
    try {
      await update({
        variables: { id: invoice.id ?? '', version: invoice.version ?? 0, input: { status, ...(collectionAgency ? { collectionAgency } : {}) } },
      });
      setMode(null);
    } catch (e) {
      if (hasCode(e, 'CONFLICT')) {
        setConflict(true);
        reset();
      }
    }
  };
  const sendToCollection = (event: FormEvent) => {
    event.preventDefault();
    void change('IN_COLLECTION', agency.trim());
  };

  if (next.length === 0) return null;
  return (
    <div className="invoice-actions">
      {conflict && (
        <p className="notice notice-warning" role="alert">
          {t.invoices.conflict}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      {mode === null && (
        <div className="actions">
          {next.includes('PAID') && (
            <button type="button" disabled={loading} onClick={() => void change('PAID')}>
              {t.invoices.markPaid}
            </button>
          )}
          {next.includes('IN_COLLECTION') && (
            <button type="button" disabled={loading} onClick={() => setMode('collection')}>
              {t.invoices.sendToCollection}
            </button>
          )}
          {next.includes('CREDITED') && (
            <button type="button" className="danger" disabled={loading} onClick={() => setMode('credit')}>
              {t.invoices.credit}
            </button>
          )}
        </div>
      )}
      {mode === 'collection' && (
        <form className="inline-form" onSubmit={sendToCollection} aria-label={`${t.invoices.sendToCollection} ${number}`}>
          <label htmlFor={idOf('agency')}>{t.invoices.collectionAgency}</label>
          <input id={idOf('agency')} ref={agencyRef} value={agency} onChange={(e) => setAgency(e.target.value)} required maxLength={200} />
          <div className="actions">
            <button type="submit" className="primary" disabled={loading}>
              {t.invoices.send}
            </button>
            <button type="button" onClick={() => setMode(null)}>
              {t.invoices.cancel}
            </button>
          </div>
        </form>
      )}
      {mode === 'credit' && (
        <fieldset className="confirm" aria-label={t.invoices.credit}>
          <p>{t.invoices.confirmCredit(number)}</p>
          <div className="actions">
            <button type="button" className="danger" ref={confirmCreditRef} disabled={loading} onClick={() => void change('CREDITED')}>
              {t.invoices.confirmCreditYes}
            </button>
            <button type="button" onClick={() => setMode(null)}>
              {t.invoices.cancel}
            </button>
          </div>
        </fieldset>
      )}
    </div>
  );
}
