import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatTime } from '../../app/format';
import { useFocusWhen } from '../../app/focus';
import { useI18n } from '../../app/i18n';
import { CampaignManualExclusionsQuery, RemoveCampaignExclusionMutation } from './exclusionOperations';
import { CustomerNumber, Pager, personName, useCursorPages } from './TargetListEntries';

const PAGE_SIZE = 25;

interface Removal {
  customerId: string;
  who: string;
}

/** The inline "are you sure": focus on its confirm button, Escape cancels. */
function ConfirmRemoval({ removal, busy, onConfirm, onCancel }: { removal: Removal; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const { t } = useI18n();
  const x = t.campaignExclusions;
  const confirm = useFocusWhen<HTMLButtonElement>(true);
  return (
    <fieldset
      className="notice"
      data-testid="manual-exclusion-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <legend>{x.confirmRemove(removal.who)}</legend>
      <div className="actions">
        <button type="button" className="primary" ref={confirm} disabled={busy} onClick={onConfirm} data-testid="manual-exclusion-confirm-remove">
          {x.confirmRemoveButton}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {x.cancel}
        </button>
      </div>
    </fieldset>
  );
}

/**
 * Issue 16: the customers kept off this campaign's list by hand (reason MANUAL), a page at a time; those
 * who may change the campaign take one off after a confirmation. They are added from the customer list.
 */
export function ManualExclusions({ campaignId, editable }: { campaignId: string; editable: boolean }) {
  const { t, language } = useI18n();
  const x = t.campaignExclusions;
  const ability = useAppAbility();
  const pages = useCursorPages();
  const flags = { withFirstName: ability.can('read', 'Customer', 'firstName'), withLastName: ability.can('read', 'Customer', 'lastName') };
  // From the network each time the page opens: exclusions are added on the customer list, not here.
  const { data, loading, error, refetch } = useQuery(CampaignManualExclusionsQuery, {
    variables: { id: campaignId, first: PAGE_SIZE, after: pages.after, ...flags },
    fetchPolicy: 'cache-and-network',
  });
  const [remove, removing] = useMutation(RemoveCampaignExclusionMutation);
  const [asked, setAsked] = useState<Removal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const table = useRef<HTMLTableElement>(null);
  // Where focus goes when the step closes: to the outcome, or back to the row's own button on Cancel.
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (done) status.current?.focus();
  }, [done]);
  useEffect(() => {
    if (refocus) table.current?.querySelector<HTMLButtonElement>(`[data-remove-for="${refocus}"]`)?.focus();
  }, [refocus]);
  const connection = data?.campaign.manualExclusions;

  const confirmRemoval = async (removal: Removal) => {
    try {
      const { data: answer } = await remove({ variables: { campaignId, customerId: removal.customerId } });
      setAsked(null);
      setDone(answer?.removeCampaignExclusion ? x.removed(removal.who) : x.notOnList(removal.who));
      if (connection?.edges.length === 1 && pages.page > 1) pages.first();
      await refetch();
    } catch {
      // shown through `removing.error`
    }
  };

  return (
    <section className="card" aria-labelledby="manual-exclusions-title" data-testid="manual-exclusions" id="manual-exclusions">
      <div className="page-title">
        <h2 id="manual-exclusions-title">{x.title}</h2>
        {connection && (
          <span className="muted" data-testid="manual-exclusions-count">
            {x.count(connection.totalCount)}
          </span>
        )}
      </div>
      <p className="hint">{x.intro}</p>
      {done && (
        <p className="notice notice-success" role="status" tabIndex={-1} ref={status} data-testid="manual-exclusion-removed">
          {done}
        </p>
      )}
      {removing.error && <ErrorNotice error={removing.error} />}
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!connection && loading && <Loading />}
      {connection && connection.edges.length === 0 && (
        <div className="empty" data-testid="manual-exclusions-empty">
          <p>{x.empty}</p>
          {editable && (
            <p>
              {x.emptyHint} {ability.can('read', 'Customer') && <Link to="/customers">{x.toCustomerList}</Link>}
            </p>
          )}
        </div>
      )}
      {connection && connection.edges.length > 0 && (
        <>
          <table className="data-table compact" ref={table} data-testid="manual-exclusion-table">
            <thead>
              <tr>
                <th scope="col">{t.campaigns.customerNumber}</th>
                {(flags.withFirstName || flags.withLastName) && <th scope="col">{t.campaigns.customerName}</th>}
                <th scope="col">{x.addedBy}</th>
                <th scope="col">{x.addedAt}</th>
                <th scope="col">{x.note}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{x.remove}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => {
                const who = [node.customerNumber, flags.withFirstName || flags.withLastName ? personName(t, node.customer) : ''].filter(Boolean).join(' ');
                return (
                  <tr key={node.customerId} data-testid="manual-exclusion-row" data-customer-number={node.customerNumber}>
                    <td>
                      <CustomerNumber id={node.customerId} number={node.customerNumber} />
                    </td>
                    {(flags.withFirstName || flags.withLastName) && <td>{personName(t, node.customer)}</td>}
                    <td>{node.addedBy ?? ''}</td>
                    <td>{formatTime(node.addedAt, language)}</td>
                    <td>{node.note ?? ''}</td>
                    {editable && (
                      <td>
                        {asked?.customerId === node.customerId ? (
                          <ConfirmRemoval
                            removal={asked}
                            busy={removing.loading}
                            onConfirm={() => void confirmRemoval(asked)}
                            onCancel={() => {
                              setAsked(null);
                              setRefocus(node.customerId);
                            }}
                          />
                        ) : (
                          <button
                            type="button"
                            aria-label={x.removeLabel(who)}
                            onClick={() => {
                              setDone(null);
                              setRefocus(null);
                              setAsked({ customerId: node.customerId, who });
                            }}
                            data-remove-for={node.customerId}
                            data-testid="manual-exclusion-remove"
                          >
                            {x.remove}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager
            testId="manual-exclusions"
            page={pages.page}
            hasNext={connection.pageInfo.hasNextPage}
            onNext={() => connection.pageInfo.endCursor && pages.next(connection.pageInfo.endCursor)}
            onFirst={pages.first}
          />
        </>
      )}
    </section>
  );
}
