import { useQuery } from '@apollo/client/react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatLocalDate, formatNumber, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { channelLabel } from '../prohibitions/labels';
import { ImportOptOutListForm } from './ImportOptOutListForm';
import { OptOutListsQuery } from './operations';

/** P15: the external opt-out registers in force; marketing and the privacy officer import them. */
export function OptOutListsPage() {
  const { t, language } = useI18n();
  const ability = useAppAbility();
  const { data, loading, error, refetch } = useQuery(OptOutListsQuery);
  const lists = data?.optOutLists;

  return (
    <section aria-labelledby="opt-out-title">
      <h1 id="opt-out-title">{t.optOutLists.title}</h1>
      <p className="hint intro">{t.optOutLists.intro}</p>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !lists && <Loading />}
      {lists &&
        (lists.length === 0 ? (
          <p className="empty" data-testid="opt-out-lists-empty">
            {t.optOutLists.empty}
          </p>
        ) : (
          <table className="data-table" data-testid="opt-out-table">
            <thead>
              <tr>
                <th scope="col">{t.optOutLists.name}</th>
                <th scope="col">{t.optOutLists.channel}</th>
                <th scope="col">{t.optOutLists.validFrom}</th>
                <th scope="col">{t.optOutLists.validUntil}</th>
                <th scope="col" className="num">
                  {t.optOutLists.rowCount}
                </th>
                <th scope="col">{t.optOutLists.importedAt}</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((list) => (
                <tr key={list.id} data-testid="opt-out-row">
                  <th scope="row">{list.name}</th>
                  <td>{channelLabel(t, list.channel)}</td>
                  <td>{list.validFrom ? formatLocalDate(list.validFrom, language) : ''}</td>
                  <td>{list.validUntil ? formatLocalDate(list.validUntil, language) : t.optOutLists.untilFurther}</td>
                  <td className="num" data-testid="opt-out-row-count">
                    {formatNumber(list.rowCount ?? 0, language)}
                  </td>
                  <td>{list.importedAt ? formatTime(list.importedAt, language) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {ability.can('create', 'OptOutList') && <ImportOptOutListForm />}
    </section>
  );
}
