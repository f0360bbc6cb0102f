import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors } from '../../app/components';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { PrivacyRequestFieldsFragment } from '../../gql/graphql';
import { customerFieldLabel } from '../customers/fields';
import { isClosed } from './labels';
import { RectificationNotices } from './RectificationNotices';
import { DecideRectificationMutation, PrivacyRequestQuery } from './operations';
import { requestErrors } from './requestErrors';

type Choice = { decision: 'approve' | 'refuse' | ''; reason: string };

interface Props {
  request: PrivacyRequestFieldsFragment;
  canWork: boolean;
}

/** P16: each correction asked for beside the value now held; approved ones are applied at once. */
export function RectificationPanel({ request, canWork }: Props) {
  const { t, language } = useI18n();
  const c = t.requests.rectification;
  const items = request.items ?? [];
  const verified = request.identityVerified === true;
  const deciding = canWork && !isClosed(request.status);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  // The item ids in the order they were sent, to put `decisions.N.reason` beside its item.
  const [sent, setSent] = useState<string[]>([]);
  const [decide, { loading, error, reset }] = useMutation(DecideRectificationMutation, { refetchQueries: [PrivacyRequestQuery], awaitRefetchQueries: true });
  const choiceOf = (id: string): Choice => choices[id] ?? { decision: '', reason: '' };
  const set = (id: string, patch: Partial<Choice>) => {
    reset();
    setSaved(false);
    setChoices((prev) => ({ ...prev, [id]: { ...choiceOf(id), ...patch } }));
  };

  const decided = items.filter((item) => !item.decision && choiceOf(item.id).decision !== '');
  const missingReason = (id: string) => choiceOf(id).decision === 'refuse' && !choiceOf(id).reason.trim();
  const fields = sent.flatMap((_, i) => [`decisions.${i}.reason`, `decisions.${i}.itemId`]);
  const errors = requestErrors(t, error, fields);
  const serverError = (itemId: string) => {
    const i = sent.indexOf(itemId);
    return i < 0 ? undefined : (errors.byField[`decisions.${i}.reason`] ?? errors.byField[`decisions.${i}.itemId`]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (decided.length === 0 || decided.some((item) => missingReason(item.id))) return;
    const decisions = decided.map((item) => ({
      itemId: item.id,
      approve: choiceOf(item.id).decision === 'approve',
      reason: choiceOf(item.id).reason.trim() || null,
    }));
    setSent(decisions.map((d) => d.itemId));
    try {
      await decide({ variables: { id: request.id ?? '', decisions } });
      setChoices({});
      setChecked(false);
      setSaved(true);
    } catch {
      // shown through `error`
    }
  };

  return (
    <section className="card" aria-labelledby="rectification-title" data-testid="rectification-panel">
      <h2 id="rectification-title">{c.title}</h2>
      <p className="hint intro">{c.intro}</p>
      {saved && (
        <p className="notice notice-success" role="status">
          {c.saved}
        </p>
      )}
      {items.length === 0 ? (
        <p className="empty">{c.empty}</p>
      ) : (
        <form onSubmit={submit} aria-labelledby="rectification-title" noValidate>
          <FormErrors messages={[...errors.general, ...(checked && decided.length === 0 ? [c.nothingDecided] : [])]} />
          <table className="data-table rectification-items" data-testid="rectification-items">
            <thead>
              <tr>
                <th scope="col">{c.field}</th>
                <th scope="col">{c.valueAtIntake}</th>
                <th scope="col">{c.proposedValue}</th>
                <th scope="col">{c.reason}</th>
                <th scope="col">{c.decision}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const choice = choiceOf(item.id);
                const id = `rectification-${item.id}`;
                const reasonError = (checked && missingReason(item.id) ? c.reasonRequired : undefined) ?? serverError(item.id);
                return (
                  <tr key={item.id} data-testid="rectification-item" data-field={item.field}>
                    <th scope="row">{customerFieldLabel(t, item.field)}</th>
                    <td className="old-value">
                      {item.currentValue ?? t.customers.none}
                      {/* The value kept at intake is the old one once a correction is approved: say what is there now. */}
                      {item.decision === 'APPROVED' && <p className="muted">{c.nowInRegister(item.proposedValue ?? '')}</p>}
                    </td>
                    <td className="new-value">{item.proposedValue}</td>
                    <td>{item.reason}</td>
                    <td>
                      {item.decision ? (
                        <>
                          <span className={`status status-decision-${item.decision.toLowerCase()}`}>{c.decisions[item.decision] ?? item.decision}</span>
                          {item.decisionReason && <p className="muted">{item.decisionReason}</p>}
                          {item.decidedAt && <p className="muted">{formatTime(item.decidedAt, language)}</p>}
                        </>
                      ) : deciding ? (
                        <fieldset className="choices decision" disabled={!verified}>
                          <legend className="visually-hidden">{`${c.decision}: ${customerFieldLabel(t, item.field)}`}</legend>
                          {(['approve', 'refuse', ''] as const).map((value) => (
                            <label key={value || 'none'} className="checkbox">
                              <input
                                type="radio"
                                name={`${id}-decision`}
                                value={value}
                                checked={choice.decision === value}
                                onChange={() => set(item.id, { decision: value })}
                              />
                              {value === 'approve' ? c.approve : value === 'refuse' ? c.refuse : c.undecided}
                            </label>
                          ))}
                          {choice.decision === 'refuse' && (
                            <div className={reasonError ? 'field field-invalid' : 'field'}>
                              <label htmlFor={`${id}-reason`}>{c.refuseReason}</label>
                              <textarea
                                id={`${id}-reason`}
                                rows={2}
                                maxLength={2000}
                                value={choice.reason}
                                onChange={(e) => set(item.id, { reason: e.target.value })}
                                aria-invalid={reasonError ? true : undefined}
                                aria-describedby={reasonError ? `${id}-reason-error` : undefined}
                              />
                              {reasonError && <FieldError id={`${id}-reason-error`} message={reasonError} />}
                            </div>
                          )}
                        </fieldset>
                      ) : (
                        <span className="muted">{c.undecided}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {deciding && items.some((item) => !item.decision) && (
            <div className="actions">
              <button type="submit" className="primary" disabled={loading || !verified}>
                {c.save}
              </button>
              {!verified && <span className="muted">{t.requests.needsIdentity}</span>}
            </div>
          )}
        </form>
      )}
      <RectificationNotices notices={request.notices ?? []} canWork={canWork} />
    </section>
  );
}
