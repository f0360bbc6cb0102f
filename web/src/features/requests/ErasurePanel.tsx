import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { FormErrors } from '../../app/components';
import { appErrors } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { formatLocalDate, formatNumber, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { PrivacyRequestFieldsFragment } from '../../gql/graphql';
import { actionLabel, holdReasonLabel, isClosed, itemStateLabel, tableLabel } from './labels';
import { ExecuteErasureMutation, PlanErasureMutation, PrivacyRequestQuery } from './operations';
import { describeRequestError } from './requestErrors';

interface Props {
  request: PrivacyRequestFieldsFragment;
  canWork: boolean;
}

/**
 * P10, P17: the plan, table by table, of what is erased, anonymised or held (and why, and until
 * when), then carried out in one go after a confirmation.
 */
export function ErasurePanel({ request, canWork }: Props) {
  const { t, language } = useI18n();
  const e = t.requests.erasure;
  const plan = request.erasurePlan ?? [];
  const verified = request.identityVerified === true;
  const executed = plan.some((item) => item.state !== 'PLANNED');
  const working = canWork && !isClosed(request.status) && !executed;
  const [confirming, setConfirming] = useState(false);
  // The confirmation starts on its safe answer: focus moves to Cancel when it opens.
  const cancelRef = useFocusWhen<HTMLButtonElement>(confirming);
  const [notice, setNotice] = useState<string | null>(null);
  const options = { refetchQueries: [PrivacyRequestQuery], awaitRefetchQueries: true };
  const [planErasure, planning] = useMutation(PlanErasureMutation, options);
  const [execute, executing] = useMutation(ExecuteErasureMutation, options);
  const holds = plan.filter((item) => item.action === 'HOLD').length;
  const n = (value: number) => formatNumber(value, language);

  const makePlan = async () => {
    setNotice(null);
    executing.reset();
    try {
      await planErasure({ variables: { id: request.id ?? '' } });
    } catch {
      // shown below
    }
  };
  const carryOut = async () => {
    try {
      await execute({ variables: { id: request.id ?? '' } });
      setConfirming(false);
      setNotice(e.executed);
    } catch {
      setConfirming(false);
    }
  };
  const stepError = planning.error ?? executing.error;
  const step = planning.error ? 'plan' : 'execute';
  const messages = [...new Set(appErrors(stepError).map((err) => describeRequestError(t, err, step)))];

  return (
    <section className="card" aria-labelledby="erasure-title" data-testid="erasure-panel">
      <h2 id="erasure-title">{request.type === 'ANONYMISATION' ? e.titleAnonymisation : e.title}</h2>
      <p className="hint intro">{e.intro}</p>
      {notice && (
        <p className="notice notice-success" role="status" data-testid="erasure-executed">
          {notice}
        </p>
      )}
      <FormErrors messages={messages} />
      {working && (
        <div className="actions">
          <button type="button" className={plan.length ? undefined : 'primary'} disabled={planning.loading || !verified} onClick={() => void makePlan()}>
            {plan.length ? e.replan : e.plan}
          </button>
          {plan.length > 0 && !confirming && (
            <button type="button" className="danger" disabled={!verified || executing.loading} onClick={() => setConfirming(true)}>
              {e.execute}
            </button>
          )}
          {!verified && <span className="muted">{t.requests.needsIdentity}</span>}
        </div>
      )}
      {confirming && (
        <div
          className="notice notice-warning confirm"
          role="alertdialog"
          aria-labelledby="erasure-confirm-title"
          aria-describedby="erasure-confirm-text"
          data-testid="erasure-confirm"
        >
          <p id="erasure-confirm-title">
            <strong>{e.confirmTitle}</strong>
          </p>
          <p id="erasure-confirm-text">{e.confirm}</p>
          <div className="actions">
            <button type="button" className="danger" disabled={executing.loading} onClick={() => void carryOut()}>
              {e.confirmYes}
            </button>
            <button type="button" ref={cancelRef} onClick={() => setConfirming(false)}>
              {e.cancel}
            </button>
          </div>
        </div>
      )}
      {plan.length === 0 ? (
        <p className="empty" data-testid="erasure-no-plan">
          {e.noPlan}
        </p>
      ) : (
        <>
          {holds > 0 && <p className="notice notice-warning">{e.holdsNote(holds)}</p>}
          <table className="data-table erasure-plan" data-testid="erasure-plan">
            <thead>
              <tr>
                <th scope="col">{e.table}</th>
                <th scope="col">{e.action}</th>
                <th scope="col">{e.reason}</th>
                <th scope="col">{e.until}</th>
                <th scope="col" className="num">
                  {e.rows}
                </th>
                <th scope="col">{e.state}</th>
              </tr>
            </thead>
            <tbody>
              {plan.map((item) => (
                <tr
                  key={item.id}
                  className={item.action === 'HOLD' ? 'hold-row' : undefined}
                  data-testid="erasure-item"
                  data-action={item.action}
                  data-reason={item.reason ?? ''}
                >
                  <th scope="row">{tableLabel(t, item.table)}</th>
                  <td>
                    <span className={`status status-erasure-${item.action.toLowerCase()}`}>{actionLabel(t, item.action)}</span>
                  </td>
                  <td data-testid="erasure-reason">{holdReasonLabel(t, item.reason)}</td>
                  <td>{item.until ? formatLocalDate(item.until, language) : ''}</td>
                  <td className="num">{n(item.rowCount)}</td>
                  <td>
                    {itemStateLabel(t, item.state)}
                    {item.doneAt && <div className="muted">{formatTime(item.doneAt, language)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
