import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { useT, type Messages } from '../../app/i18n';
import { Tabs } from '../../app/Tabs';
import type { ExclusionReason, ProhibitionKind, TargetListExclusionsQuery as ExclusionsResult } from '../../gql/graphql';
import { kindLabel } from '../prohibitions/labels';
import { reasonLabel } from './labels';
import { TargetListExclusionsQuery, TargetListMembersQuery } from './operations';
import { customerName } from '../customers/CustomerStateMarker';

const PAGE_SIZE = 25;

type Exclusion = NonNullable<ExclusionsResult['targetList']['exclusions']>['edges'][number]['node'];

/** Pages through a connection: the cursors of the pages seen, so "first page" and "next page" both work. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1],
    page: cursors.length,
    next: (cursor: string) => setCursors((prev) => [...prev, cursor]),
    first: () => setCursors([null]),
  };
}

export function Pager({ page, hasNext, onNext, onFirst, testId }: { page: number; hasNext: boolean; onNext(): void; onFirst(): void; testId: string }) {
  const t = useT();
  if (page === 1 && !hasNext) return null;
  return (
    <div className="pager" data-testid={`${testId}-pager`}>
      {page > 1 && (
        <button type="button" onClick={onFirst}>
          {t.campaigns.firstPage}
        </button>
      )}
      {hasNext && (
        <button type="button" onClick={onNext} data-testid={`${testId}-next`}>
          {t.campaigns.nextPage}
        </button>
      )}
      <span className="muted">{t.campaigns.page(page)}</span>
    </div>
  );
}

/** A listed person's name as every page shows it (an anonymised one in the reader's language); hidden when the row's customer may not be read. */
export function personName(t: Messages, customer: { firstName?: string | null; lastName?: string | null } | null | undefined): string {
  if (!customer) return t.campaigns.hidden;
  return customerName(t, customer);
}

export function CustomerNumber({ id, number }: { id: string | null | undefined; number: string | null | undefined }) {
  const ability = useAppAbility();
  return id && ability.can('read', 'Customer') ? <Link to={`/customers/${id}`}>{number}</Link> : number;
}

function Members({ listId }: { listId: string }) {
  const t = useT();
  const c = t.campaigns;
  const ability = useAppAbility();
  const may = (field: string) => ability.can('read', 'Customer', field);
  const pages = useCursorPages();
  const flags = { withFirstName: may('firstName'), withLastName: may('lastName'), withEmail: may('email'), withCity: may('city') };
  const { data, loading, error, refetch } = useQuery(TargetListMembersQuery, { variables: { id: listId, first: PAGE_SIZE, after: pages.after, ...flags } });
  const connection = data?.targetList.members;
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!connection) return loading ? <Loading /> : null;
  if (connection.edges.length === 0) return <p className="empty">{c.noMembers}</p>;
  return (
    <>
      <table className="data-table compact" data-testid="member-table">
        <thead>
          <tr>
            <th scope="col">{c.customerNumber}</th>
            {(flags.withFirstName || flags.withLastName) && <th scope="col">{c.customerName}</th>}
            {flags.withEmail && <th scope="col">{c.email}</th>}
            {flags.withCity && <th scope="col">{c.city}</th>}
          </tr>
        </thead>
        <tbody>
          {connection.edges.map(({ node }) => (
            <tr key={node.customerId} data-testid="member-row">
              <td>
                <CustomerNumber id={node.customerId} number={node.customerNumber} />
              </td>
              {(flags.withFirstName || flags.withLastName) && <td>{personName(t, node.customer)}</td>}
              {flags.withEmail && <td>{node.customer?.email ?? ''}</td>}
              {flags.withCity && <td>{node.customer?.city ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        testId="members"
        page={pages.page}
        hasNext={connection.pageInfo.hasNextPage}
        onNext={() => connection.pageInfo.endCursor && pages.next(connection.pageInfo.endCursor)}
        onFirst={pages.first}
      />
    </>
  );
}

/** P15: each reason in words, with which prohibitions or which opt-out lists it was. */
function ReasonList({ entry }: { entry: Exclusion }) {
  const t = useT();
  return (
    <ul className="reasons" data-testid="exclusion-reasons">
      {(entry.reasons ?? []).map((reason: ExclusionReason) => {
        const detail =
          reason === 'PROHIBITED' && entry.prohibitedKinds?.length
            ? t.campaigns.prohibitedKinds(entry.prohibitedKinds.map((k) => kindLabel(t, k as ProhibitionKind).toLowerCase() || k).join(', '))
            : reason === 'EXTERNAL_OPT_OUT' && entry.optOutLists?.length
              ? t.campaigns.optOutLists(entry.optOutLists.join(', '))
              : null;
        return (
          <li key={reason} data-reason={reason}>
            {reasonLabel(t, reason)}
            {detail && <span className="muted"> ({detail})</span>}
          </li>
        );
      })}
    </ul>
  );
}

function Exclusions({ listId }: { listId: string }) {
  const t = useT();
  const c = t.campaigns;
  const ability = useAppAbility();
  const pages = useCursorPages();
  const flags = { withFirstName: ability.can('read', 'Customer', 'firstName'), withLastName: ability.can('read', 'Customer', 'lastName') };
  const { data, loading, error, refetch } = useQuery(TargetListExclusionsQuery, { variables: { id: listId, first: PAGE_SIZE, after: pages.after, ...flags } });
  const connection = data?.targetList.exclusions;
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!connection) return loading ? <Loading /> : null;
  if (connection.edges.length === 0) return <p className="empty">{c.noExclusions}</p>;
  return (
    <>
      <table className="data-table compact" data-testid="exclusion-table">
        <thead>
          <tr>
            <th scope="col">{c.customerNumber}</th>
            {(flags.withFirstName || flags.withLastName) && <th scope="col">{c.customerName}</th>}
            <th scope="col">{c.reasonsColumn}</th>
          </tr>
        </thead>
        <tbody>
          {connection.edges.map(({ node }) => (
            <tr key={node.customerId} data-testid="exclusion-row" data-customer-number={node.customerNumber}>
              <td>
                <CustomerNumber id={node.customerId} number={node.customerNumber} />
              </td>
              {(flags.withFirstName || flags.withLastName) && <td>{personName(t, node.customer)}</td>}
              <td>
                <ReasonList entry={node} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        testId="exclusions"
        page={pages.page}
        hasNext={connection.pageInfo.hasNextPage}
        onNext={() => connection.pageInfo.endCursor && pages.next(connection.pageInfo.endCursor)}
        onFirst={pages.first}
      />
    </>
  );
}

/** Who is on the built list, and who was kept off and why. */
export function TargetListEntries({ listId, includedCount, excludedCount }: { listId: string; includedCount: string; excludedCount: string }) {
  const t = useT();
  const [tab, setTab] = useState('members');
  return (
    <Tabs
      idPrefix="target-list"
      label={t.campaigns.entriesTabs}
      tabs={[
        { id: 'members', label: `${t.campaigns.members} (${includedCount})` },
        { id: 'exclusions', label: `${t.campaigns.exclusions} (${excludedCount})` },
      ]}
      selected={tab}
      onSelect={setTab}
    >
      {tab === 'members' ? <Members listId={listId} /> : <Exclusions listId={listId} />}
    </Tabs>
  );
}
