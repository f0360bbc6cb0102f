import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { CustomerOrder } from '../../gql/graphql';
import { BulkCampaignExclusionForm } from './BulkCampaignExclusionForm';
import { BulkProhibitionForm, type SelectedCustomer } from './BulkProhibitionForm';
import { CustomerSearchForm } from './CustomerSearchForm';
import { CustomerName, customerName } from './CustomerStateMarker';
import { customerFieldLabel, readFlags } from './fields';
import { columnSort, criteriaOf, filterOf, isFiltered, PAGE_SIZES, pageOf, pageParams, paramsOf, type PageSize, type SortColumn } from './listParams';
import { ExportCustomersMutation } from './listOperations';
import { CustomerListQuery } from './operations';
import './customerList.css';

/** Saves a file the server made (its text) under its name, as a download. */
function saveFile(content: string, filename: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Search, filters, sort, page size and the page itself live in the address, so the back button
 * returns to the same page of results. Rows can be selected (across pages) for the actions the role
 * has: a prohibition recorded for each, onto a campaign's manual exclusions, and a CSV of them; the whole
 * result can be exported too.
 */
export function CustomerListPage() {
  const { t, language } = useI18n();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const criteria = criteriaOf(params);
  const page = pageOf(params);
  const criteriaParams = paramsOf(criteria, page.size);

  const flags = useMemo(() => readFlags(ability), [ability]);
  // A search's count is asked for with the first of its pages read here and kept while its pages are turned (and the
  // sort or page size changed): counting costs the database about what a page does.
  const countKey = JSON.stringify([criteria.q.trim(), filterOf(criteria)]);
  const [known, setKnown] = useState<{ key: string; total: number; capped: boolean } | null>(null);
  const withCount = known?.key !== countKey;
  const { data, loading, error, refetch } = useQuery(CustomerListQuery, {
    variables: {
      search: criteria.q.trim() || null,
      filter: filterOf(criteria),
      orderBy: criteria.sort,
      first: page.size,
      after: page.after,
      before: page.before,
      withFirstName: flags.withFirstName,
      withLastName: flags.withLastName,
      withOrganisation: flags.withOrganisation,
      withEmail: flags.withEmail,
      withCity: flags.withCity,
      withState: flags.withState,
      withCount,
    },
  });
  const counted = data?.customers;
  const fresh =
    !loading && counted?.totalCount != null && counted.totalCountCapped != null
      ? { key: countKey, total: counted.totalCount, capped: counted.totalCountCapped }
      : null;
  useEffect(() => {
    if (fresh && (fresh.key !== known?.key || fresh.total !== known.total || fresh.capped !== known.capped)) setKnown(fresh);
  }, [fresh, known]);
  const count = fresh ?? (known?.key === countKey ? known : null);

  // The selection outlives a page change, so rows of several pages can be selected.
  const [selected, setSelected] = useState<Map<string, SelectedCustomer>>(new Map());
  const [bulk, setBulk] = useState<'prohibition' | 'exclusion' | null>(null);
  const mayExport = ability.can('export', 'Customer');
  const mayRecord = ability.can('create', 'Prohibition');
  // Issue 16: those who manage campaigns keep the selected off a campaign's list by hand.
  const mayExclude = ability.can('update', 'Campaign', 'exclusions');
  const maySelect = mayExport || mayRecord || mayExclude;
  const [exportCustomers, exported] = useMutation(ExportCustomersMutation);
  const selectPageBox = useRef<HTMLInputElement>(null);

  const showName = flags.withFirstName || flags.withLastName;
  const connection = data?.customers;
  // Every field is nullable in the contract (the field guard); a row without its id is not a row to act on.
  const rows = (connection?.edges.map((e) => e.node) ?? []).flatMap((n) => (n.id ? [{ ...n, id: n.id, customerNumber: n.customerNumber ?? '' }] : []));
  const nameOf = (node: (typeof rows)[number]) => customerName(t, node) || node.customerNumber;
  const onPage = rows.filter((r) => selected.has(r.id)).length;
  useEffect(() => {
    if (selectPageBox.current) selectPageBox.current.indeterminate = onPage > 0 && onPage < rows.length;
  });

  const toggle = (node: (typeof rows)[number]) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(node.id)) next.delete(node.id);
      else next.set(node.id, { id: node.id, customerNumber: node.customerNumber, name: nameOf(node) });
      return next;
    });
  const togglePage = () =>
    setSelected((prev) => {
      const next = new Map(prev);
      const all = rows.every((r) => next.has(r.id));
      for (const r of rows) {
        if (all) next.delete(r.id);
        else next.set(r.id, { id: r.id, customerNumber: r.customerNumber, name: nameOf(r) });
      }
      return next;
    });

  const runExport = async (customerIds: string[] | null) => {
    try {
      const { data: file } = await exportCustomers({
        variables: {
          input: {
            ...(customerIds ? { customerIds } : { search: criteria.q.trim() || null, filter: filterOf(criteria) }),
            orderBy: criteria.sort,
            language: language === 'en' ? 'EN' : 'FI',
          },
        },
      });
      if (file) saveFile(file.exportCustomers.content, file.exportCustomers.filename);
    } catch {
      // shown through `exported.error`
    }
  };

  const sortHeader = (column: SortColumn, label: string) => {
    const { ariaSort, next } = columnSort(column, criteria.sort);
    return (
      <th scope="col" aria-sort={ariaSort}>
        <button
          type="button"
          className="sort-button"
          onClick={() => setParams(paramsOf({ ...criteria, sort: next as CustomerOrder }, page.size))}
          data-testid={`sort-${column}`}
        >
          {label}
          <span aria-hidden="true">{ariaSort === 'ascending' ? ' ▲' : ariaSort === 'descending' ? ' ▼' : ''}</span>
        </button>
      </th>
    );
  };

  const file = exported.data?.exportCustomers;
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
      <CustomerSearchForm key={new URLSearchParams(criteriaParams).toString()} criteria={criteria} onApply={(next) => setParams(paramsOf(next, page.size))} />

      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !connection && <Loading />}
      {connection && (
        <>
          <div className="list-toolbar">
            <p className="total" data-testid="total-count" aria-live="polite">
              {count && (count.capped ? t.customerCount.moreThan(count.total) : t.customerCount.exact(count.total))}
              {page.page > 1 && ` · ${t.customers.page(page.page)}`}
            </p>
            <div className="field field-narrow">
              <label htmlFor="page-size">{t.customerList.pageSize}</label>
              <select
                id="page-size"
                value={page.size}
                onChange={(e) => setParams(paramsOf(criteria, Number(e.target.value) as PageSize))}
                data-testid="page-size"
              >
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            {mayExport && (count?.total ?? rows.length) > 0 && (
              <button type="button" onClick={() => void runExport(null)} disabled={exported.loading} data-testid="export-list">
                {exported.loading ? t.customerList.exporting : t.customerList.exportList}
              </button>
            )}
          </div>

          {maySelect && selected.size > 0 && (
            <section className="bulk-bar" aria-label={t.customerList.bulkActions} data-testid="bulk-bar">
              <span data-testid="selected-count">{t.customerList.selected(selected.size)}</span>
              {mayExport && (
                <button type="button" onClick={() => void runExport([...selected.keys()])} disabled={exported.loading} data-testid="export-selected">
                  {exported.loading ? t.customerList.exporting : t.customerList.exportSelected}
                </button>
              )}
              {mayRecord && (
                <button type="button" onClick={() => setBulk('prohibition')} aria-expanded={bulk === 'prohibition'} data-testid="bulk-prohibition-open">
                  {t.customerList.recordForSelected}
                </button>
              )}
              {mayExclude && (
                <button type="button" onClick={() => setBulk('exclusion')} aria-expanded={bulk === 'exclusion'} data-testid="bulk-exclusion-open">
                  {t.campaignExclusions.action}
                </button>
              )}
              <button type="button" onClick={() => setSelected(new Map())}>
                {t.customerList.clearSelection}
              </button>
            </section>
          )}
          {exported.error && <ErrorNotice error={exported.error} />}
          {file && !exported.loading && (
            <div className="notice" role="status" data-testid="export-done">
              <p>{t.customerList.exported(file.rowCount, file.filename)}</p>
              <p>{t.customerList.exportFields(file.fields.map((f) => customerFieldLabel(t, f).toLowerCase()).join(', '))}</p>
              {file.restrictedLeftOut > 0 && <p>{t.customerList.restrictedLeftOut(file.restrictedLeftOut)}</p>}
              <button type="button" className="link-button" onClick={() => saveFile(file.content, file.filename)}>
                {t.customerList.downloadAgain}
              </button>
            </div>
          )}
          {bulk === 'prohibition' && selected.size > 0 && <BulkProhibitionForm customers={[...selected.values()]} onClose={() => setBulk(null)} />}
          {bulk === 'exclusion' && selected.size > 0 && <BulkCampaignExclusionForm customers={[...selected.values()]} onClose={() => setBulk(null)} />}

          {connection.edges.length === 0 ? (
            <p className="empty" data-testid="empty">
              {isFiltered({ ...criteria, q: '' }) ? t.customers.emptyFiltered : criteria.q ? t.customers.emptySearch(criteria.q) : t.customers.empty}
            </p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="customer-table">
                <thead>
                  <tr>
                    {maySelect && (
                      <th scope="col">
                        <input
                          type="checkbox"
                          ref={selectPageBox}
                          aria-label={t.customerList.selectPage}
                          checked={rows.length > 0 && onPage === rows.length}
                          onChange={togglePage}
                          data-testid="select-page"
                        />
                      </th>
                    )}
                    {sortHeader('customerNumber', t.customers.fields.customerNumber)}
                    {showName && sortHeader('name', t.customers.name)}
                    {flags.withOrganisation && <th scope="col">{t.customers.fields.organisation}</th>}
                    {flags.withEmail && <th scope="col">{t.customers.fields.email}</th>}
                    {flags.withCity && <th scope="col">{t.customers.fields.city}</th>}
                    {sortHeader('createdAt', t.customerList.created)}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((node) => (
                    <tr
                      key={node.id}
                      className="clickable"
                      data-testid="customer-row"
                      onClick={(e) => {
                        if (
                          !(e.target instanceof HTMLAnchorElement) &&
                          !(e.target instanceof HTMLInputElement) &&
                          !(e.target as HTMLElement).closest('td.select')
                        )
                          void navigate(`/customers/${node.id}`);
                      }}
                    >
                      {maySelect && (
                        <td className="select">
                          <input
                            type="checkbox"
                            aria-label={t.customerList.selectRow(`${node.customerNumber} ${nameOf(node)}`)}
                            checked={selected.has(node.id)}
                            onChange={() => toggle(node)}
                            data-testid="select-row"
                          />
                        </td>
                      )}
                      <td>
                        <Link to={`/customers/${node.id}`}>{node.customerNumber}</Link>
                      </td>
                      {showName && (
                        <td>
                          <CustomerName customer={node} />
                        </td>
                      )}
                      {flags.withOrganisation && <td>{node.organisation?.name ?? ''}</td>}
                      {flags.withEmail && <td>{node.email ?? ''}</td>}
                      {flags.withCity && <td>{node.city ?? ''}</td>}
                      <td>{node.createdAt ? formatTime(node.createdAt, language) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label={t.customerList.pages}>
            {page.page > 1 && (
              <button type="button" onClick={() => setParams(criteriaParams)} data-testid="first-page">
                {t.customers.firstPage}
              </button>
            )}
            {page.page > 1 && rows[0] && (
              <button
                type="button"
                onClick={() => setParams(pageParams(criteria, { ...page, page: page.page - 1, after: null, before: connection.edges[0]?.cursor ?? null }))}
                data-testid="previous-page"
              >
                {t.customerList.previousPage}
              </button>
            )}
            {connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
              <button
                type="button"
                onClick={() => setParams(pageParams(criteria, { ...page, page: page.page + 1, after: connection.pageInfo.endCursor ?? null, before: null }))}
                data-testid="next-page"
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
