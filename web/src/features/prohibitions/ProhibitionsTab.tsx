import { Fragment, useEffect, useRef, useState } from 'react';
import { useAppAbility } from '../../app/ability';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { ProhibitionFieldsFragment } from '../../gql/graphql';
import { MergedRecordNotice, type MergedInto } from '../customers/MergedRecordNotice';
import { channelLabel, KINDS, kindLabel, prohibitionKey, viaLabel } from './labels';
import { LiftProhibitionForm } from './LiftProhibitionForm';
import { ProhibitionHistory } from './ProhibitionHistory';
import { RecordProhibitionForm } from './RecordProhibitionForm';

interface Props {
  customerId: string;
  /** The prohibitions in force, as read with the customer (and replaced by each mutation's answer). */
  prohibitions: readonly ProhibitionFieldsFragment[];
  /** P6: the customer a merged record was merged into; its "no" is recorded and lifted there, not here. */
  mergedInto?: MergedInto | null;
}

/** P5, P15, P17: the customer's "no" in force, its ledger, and for customer service the notices. */
export function ProhibitionsTab({ customerId, prohibitions, mergedInto = null }: Props) {
  const { t, language } = useI18n();
  const ability = useAppAbility();
  const canRecord = ability.can('create', 'Prohibition') && !mergedInto;
  const canLift = ability.can('lift', 'Prohibition') && !mergedInto;
  // `focus`: after a lift its form is gone, so focus goes to the notice rather than to nowhere.
  const [notice, setNotice] = useState<{ text: string; focus: boolean } | null>(null);
  const [lifting, setLifting] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const liftButtons = useRef(new Map<string, HTMLButtonElement>());
  const sorted = [...prohibitions].sort(
    (a, b) => KINDS.indexOf(a.kind ?? 'DIRECT_MARKETING') - KINDS.indexOf(b.kind ?? 'DIRECT_MARKETING') || (a.channel ?? '').localeCompare(b.channel ?? ''),
  );

  useEffect(() => {
    if (notice?.focus) noticeRef.current?.focus();
  }, [notice]);

  return (
    <div className="tab-content prohibitions">
      <h2>{t.prohibitions.title}</h2>
      {notice && (
        <p className="notice notice-success" role="status" tabIndex={-1} ref={noticeRef} data-testid="prohibition-notice">
          {notice.text}
        </p>
      )}
      {sorted.length === 0 ? (
        <p className="empty" data-testid="prohibitions-empty">
          {t.prohibitions.empty}
        </p>
      ) : (
        <table className="data-table" data-testid="prohibition-table">
          <thead>
            <tr>
              <th scope="col">{t.prohibitions.kind}</th>
              <th scope="col">{t.prohibitions.channel}</th>
              <th scope="col">{t.prohibitions.via}</th>
              <th scope="col">{t.prohibitions.recorded}</th>
              <th scope="col">{t.prohibitions.note}</th>
              {canLift && <th scope="col">{t.prohibitions.actions}</th>}
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => {
              const key = prohibitionKey(p);
              return (
                <Fragment key={key}>
                  <tr data-testid={`prohibition-${key}`}>
                    <th scope="row">{kindLabel(t, p.kind)}</th>
                    <td>{channelLabel(t, p.channel)}</td>
                    <td>{viaLabel(t, p.via)}</td>
                    <td>{t.prohibitions.recordedBy(p.recordedAt ? formatTime(p.recordedAt, language) : '', p.recordedBy ?? null)}</td>
                    <td>{p.note}</td>
                    {canLift && (
                      <td>
                        <button
                          type="button"
                          className="danger"
                          ref={(el) => {
                            if (el) liftButtons.current.set(key, el);
                            else liftButtons.current.delete(key);
                          }}
                          aria-label={t.prohibitions.liftTitle(kindLabel(t, p.kind), channelLabel(t, p.channel))}
                          aria-expanded={lifting === key}
                          onClick={() => {
                            setNotice(null);
                            setLifting(lifting === key ? null : key);
                          }}
                        >
                          {t.prohibitions.lift}
                        </button>
                      </td>
                    )}
                  </tr>
                  {lifting === key && (
                    <tr className="lift-row">
                      <td colSpan={6}>
                        <LiftProhibitionForm
                          customerId={customerId}
                          prohibition={p}
                          onLifted={(message) => {
                            setLifting(null);
                            setNotice({ text: message, focus: true });
                          }}
                          onCancel={() => {
                            setLifting(null);
                            // Back to the button that opened the form.
                            requestAnimationFrame(() => liftButtons.current.get(key)?.focus());
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      <ProhibitionHistory customerId={customerId} />
      {mergedInto && (ability.can('create', 'Prohibition') || ability.can('lift', 'Prohibition')) && <MergedRecordNotice mergedInto={mergedInto} />}
      {canRecord && <RecordProhibitionForm customerId={customerId} onRecorded={(text) => setNotice({ text, focus: false })} />}
    </div>
  );
}
