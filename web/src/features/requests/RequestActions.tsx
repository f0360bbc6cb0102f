import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useT } from '../../app/i18n';
import type { PrivacyRequestFieldsFragment } from '../../gql/graphql';
import { AssignForm, ExtendForm, ReasonForm, VerifyIdentityForm } from './ActionForms';
import { PrivacyRequestQuery, RefusePrivacyRequestMutation, WithdrawPrivacyRequestMutation } from './operations';

type Mode = 'assign' | 'verify' | 'extend' | 'refuse' | 'withdraw';

interface Props {
  request: PrivacyRequestFieldsFragment;
  onDone(message: string): void;
}

/** A privacy officer's steps on an open request, each behind a button that opens its form. */
export function RequestActions({ request, onDone }: Props) {
  const t = useT();
  const r = t.requests;
  const [mode, setMode] = useState<Mode | null>(null);
  const options = { refetchQueries: [PrivacyRequestQuery], awaitRefetchQueries: true };
  const [refuse, refusing] = useMutation(RefusePrivacyRequestMutation, options);
  const [withdraw, withdrawing] = useMutation(WithdrawPrivacyRequestMutation, options);
  const id = request.id ?? '';
  const done = (message: string) => {
    setMode(null);
    onDone(message);
  };
  const open = (next: Mode) => {
    refusing.reset();
    withdrawing.reset();
    setMode(mode === next ? null : next);
  };
  const cancel = () => setMode(null);

  const buttons: Array<{ mode: Mode; label: string; danger?: boolean; shown: boolean }> = [
    { mode: 'assign', label: r.assign, shown: true },
    { mode: 'verify', label: r.verify, shown: request.identityVerified !== true },
    { mode: 'extend', label: r.extend, shown: true },
    { mode: 'refuse', label: r.refuse, danger: true, shown: true },
    { mode: 'withdraw', label: r.withdraw, danger: true, shown: true },
  ];

  return (
    <div className="request-actions">
      {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons that open steps, not form controls: a fieldset would frame it as a form */}
      <div className="actions" role="group" aria-label={r.actions}>
        {buttons
          .filter((b) => b.shown)
          .map((b) => (
            <button
              key={b.mode}
              type="button"
              className={b.mode === 'verify' ? 'primary' : b.danger ? 'danger' : undefined}
              aria-expanded={mode === b.mode}
              onClick={() => open(b.mode)}
            >
              {b.label}
            </button>
          ))}
      </div>
      {mode === 'assign' && <AssignForm request={request} onDone={done} onCancel={cancel} />}
      {mode === 'verify' && <VerifyIdentityForm request={request} onDone={done} onCancel={cancel} />}
      {mode === 'extend' && <ExtendForm request={request} onDone={done} onCancel={cancel} />}
      {mode === 'refuse' && (
        <ReasonForm
          id="refuse-form"
          title={r.refuse}
          intro={r.refuseIntro}
          label={r.refuseReason}
          submitLabel={r.refuseSave}
          required
          field="reason"
          loading={refusing.loading}
          error={refusing.error}
          onCancel={cancel}
          onSubmit={(reason) => {
            refuse({ variables: { id, reason } }).then(
              () => done(r.refused),
              () => undefined, // shown through `refusing.error`
            );
          }}
        />
      )}
      {mode === 'withdraw' && (
        <ReasonForm
          id="withdraw-form"
          title={r.withdraw}
          intro={r.withdrawIntro}
          label={r.withdrawNote}
          submitLabel={r.withdrawSave}
          required={false}
          field="note"
          loading={withdrawing.loading}
          error={withdrawing.error}
          onCancel={cancel}
          onSubmit={(note) => {
            withdraw({ variables: { id, note: note || null } }).then(
              () => done(r.withdrawn),
              () => undefined, // shown through `withdrawing.error`
            );
          }}
        />
      )}
    </div>
  );
}
