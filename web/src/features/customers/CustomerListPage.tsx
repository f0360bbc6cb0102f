import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { useT } from '../../app/i18n';
import { CustomerSearchForm } from './CustomerSearchForm';
import { readFlags } from './fields';
import { criteriaOf, filterOf, isFiltered, paramsOf } from './listParams';
import { CustomerListQuery } from './operations';

const PAGE_SIZE = 25;

/** Search, filters, sort and paging live in the address, so the back button returns to the same page of results. */
export function CustomerListPage() {
  const t = useT();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const criteria = criteriaOf(params);
  const after = params.get('after');
  const page = Number(params.get('page') ?? '1') || 1;
  const criteriaParams = paramsOf(criteria);

  const flags = useMemo(() => readFlags(ability), [ability]);
  const { data, loading, error } = useQuery(CustomerListQuery, {
    variables: {
      search: criteria.q.trim() || null,
      filter: filterOf(criteria),
      orderBy: criteria.sort,
      first: PAGE_SIZE,
      after,
      withFirstName: flags.withFirstName,
      withLastName: flags.withLastName,
      withOrganisation: flags.withOrganisation,
      withEmail: flags.withEmail,
      withCity: flags.withCity,
      withState: flags.withState,
    },
  });

  const showName = flags.withFirstName || flags.withLastName;
  const connection = data?.customers;

  return (
    <section aria-labelledby="customers-title">
      <div className="page-title">
        <h1 id="customers-title">{t.customers.title}</h1>
        {ability.can('create', 'Customer') && (
          <Link className="button primary" to="/customers/new">
            {t.customers.newCustomer}
          </Link>
        )}
      </div>
      <CustomerSearchForm key={new URLSearchParams(criteriaParams).toString()} criteria={criteria} onApply={(next) => setParams(paramsOf(next))} />

      {error && <ErrorNotice error={error} />}
      {loading && !connection && <Loading />}
      {connection && (
        <>
          <p className="total" data-testid="total-count" aria-live="polite">
            {connection.totalCountCapped ? t.customerCount.moreThan(connection.totalCount) : t.customerCount.exact(connection.totalCount)}
            {page > 1 && ` · ${t.customers.page(page)}`}
          </p>
          {connection.edges.length === 0 ? (
            <p className="empty" data-testid="empty">
              {isFiltered({ ...criteria, q: '' }) ? t.customers.emptyFiltered : criteria.q ? t.customers.emptySearch(criteria.q) : t.customers.empty}
            </p>
          ) : (
            <table className="data-table" data-testid="customer-table">
              <thead>
                <tr>
                  <th scope="col">{t.customers.fields.customerNumber}</th>
                  {showName && <th scope="col">{t.customers.name}</th>}
                  {flags.withOrganisation && <th scope="col">{t.customers.fields.organisation}</th>}
                  {flags.withEmail && <th scope="col">{t.customers.fields.email}</th>}
                  {flags.withCity && <th scope="col">{t.customers.fields.city}</th>}
                </tr>
              </thead>
              <tbody>
                {connection.edges.map(({ node }) => (
                  <tr
                    key={node.id}
                    className="clickable"
                    data-testid="customer-row"
                    onClick={(e) => {
                      if (!(e.target instanceof HTMLAnchorElement)) void navigate(`/customers/${node.id}`);
                    }}
                  >
                    <td>
                      <Link to={`/customers/${node.id}`}>{node.customerNumber}</Link>
                    </td>
                    {showName && <td>{node.anonymised ? <em>{t.customers.anonymised}</em> : [node.firstName, node.lastName].filter(Boolean).join(' ')}</td>}
                    {flags.withOrganisation && <td>{node.organisation?.name ?? ''}</td>}
                    {flags.withEmail && <td>{node.email ?? ''}</td>}
                    {flags.withCity && <td>{node.city ?? ''}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <nav className="pager" aria-label={t.customers.page(page)}>
            {page > 1 && (
              <button type="button" onClick={() => setParams(criteriaParams)}>
                {t.customers.firstPage}
              </button>
            )}
            {connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
              <button
                type="button"
                onClick={() =>
                  setParams({
                    ...criteriaParams,
                    after: connection.pageInfo.endCursor ?? '',
                    page: String(page + 1),
                  })
                }
              >
                {t.customers.nextPage}
              </button>
            )}
          </nav>
        </>
      )}
    </section>
  );
}
