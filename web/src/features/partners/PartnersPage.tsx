import { useMutation, useQuery } from '@apollo/client/react';
import { Fragment, useState } from 'react';
import { ErrorNotice, FormErrors, Loading } from '../../app/components';
import { useT } from '../../app/i18n';
import type { PartnerFieldsFragment } from '../../gql/graphql';
import { termsInput, termsState } from '../recipients/ProcessorTermsFields';
import { ApiTokens } from './ApiTokens';
import { fieldErrors, PartnerForm } from './PartnerForm';
import { PartnersQuery, UpdatePartnerMutation } from './operations';

/** P4: the partner firms acting for the company, their field scope, their processor terms (P9) and their API tokens. */
export function PartnersPage() {
  const t = useT();
  const c = t.partners;
  const [editing, setEditing] = useState<string | null>(null);
  const [tokensOf, setTokensOf] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(PartnersQuery, { fetchPolicy: 'cache-and-network' });
  const [update, updating] = useMutation(UpdatePartnerMutation, { refetchQueries: [PartnersQuery], awaitRefetchQueries: true });
  const partners = data?.partners;
  const switchErrors = fieldErrors(t, updating.error, []);

  /** Deactivating refuses the firm's users and tokens at their next request; the rest of the firm is kept as it is. */
  const setActive = async (partner: PartnerFieldsFragment, active: boolean) => {
    setNotice(null);
    try {
      await update({
        variables: {
          id: partner.id ?? '',
          version: partner.version ?? 0,
          input: {
            name: partner.name ?? '',
            businessId: partner.businessId ?? null,
            active,
            country: partner.processor?.country ?? 'FI',
            customerFields: partner.customerFields ?? [],
            ...termsInput(termsState(partner.processor)),
          },
        },
      });
      setNotice(active ? c.activated(partner.name ?? '') : c.deactivated(partner.name ?? ''));
    } catch {
      // shown above the table
    }
  };

  return (
    <section aria-labelledby="partners-title">
      <h1 id="partners-title">{c.title}</h1>
      <p className="hint intro">{c.intro}</p>
      {notice && (
        <p className="notice notice-success" role="status" data-testid="partner-notice">
          {notice}
        </p>
      )}
      <FormErrors messages={switchErrors.general} />
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !partners && <Loading />}
      {partners &&
        (partners.length === 0 ? (
          <p className="empty">{c.empty}</p>
        ) : (
          <table className="data-table" data-testid="partner-table">
            <thead>
              <tr>
                <th scope="col">{c.name}</th>
                <th scope="col">{c.businessId}</th>
                <th scope="col">{c.country}</th>
                <th scope="col">{c.agreement}</th>
                <th scope="col">{c.customerFields}</th>
                <th scope="col">{c.active}</th>
                <th scope="col">{c.actions}</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((partner) => (
                <Fragment key={partner.id}>
                  <tr data-testid="partner-row" className={partner.active ? undefined : 'inactive'}>
                    <th scope="row">{partner.name}</th>
                    <td>{partner.businessId}</td>
                    <td>
                      {partner.processor?.country}{' '}
                      {partner.processor && !partner.processor.inEea && <span className="status status-outside-eea">{t.recipients.outsideEea}</span>}
                    </td>
                    <td>{[partner.processor?.agreementDate, partner.processor?.agreementReference].filter(Boolean).join(', ')}</td>
                    <td>{(partner.customerFields ?? []).map((f) => c.fields[f] ?? f).join(', ')}</td>
                    <td data-testid="partner-active">{partner.active ? c.yes : c.no}</td>
                    <td className="actions">
                      <button
                        type="button"
                        aria-expanded={editing === partner.id}
                        aria-label={`${c.edit}: ${partner.name}`}
                        onClick={() => setEditing(editing === partner.id ? null : (partner.id ?? null))}
                      >
                        {c.edit}
                      </button>
                      <button
                        type="button"
                        aria-expanded={tokensOf === partner.id}
                        aria-label={`${c.tokens.show}: ${partner.name}`}
                        onClick={() => setTokensOf(tokensOf === partner.id ? null : (partner.id ?? null))}
                      >
                        {c.tokens.show} ({(partner.tokens ?? []).filter((tok) => tok.active).length})
                      </button>
                      <button
                        type="button"
                        disabled={updating.loading}
                        aria-label={`${partner.active ? c.deactivate : c.activate}: ${partner.name}`}
                        onClick={() => void setActive(partner, !partner.active)}
                      >
                        {partner.active ? c.deactivate : c.activate}
                      </button>
                    </td>
                  </tr>
                  {editing === partner.id && (
                    <tr className="lift-row">
                      <td colSpan={7}>
                        <PartnerForm
                          partner={partner}
                          onSaved={(message) => {
                            setEditing(null);
                            setNotice(message);
                          }}
                          onCancel={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  )}
                  {tokensOf === partner.id && (
                    <tr className="lift-row">
                      <td colSpan={7}>
                        <ApiTokens
                          partnerId={partner.id ?? ''}
                          partnerName={partner.name ?? ''}
                          active={partner.active ?? false}
                          tokens={partner.tokens ?? []}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        ))}
      <section className="card">
        <PartnerForm onSaved={setNotice} />
      </section>
    </section>
  );
}
