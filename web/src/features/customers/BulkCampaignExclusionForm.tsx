import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, FieldError, Loading } from '../../app/components';
import { useFocusWhen } from '../../app/focus';
import { useT } from '../../app/i18n';
import type { AddCampaignExclusionsMutation as Added } from '../../gql/graphql';
import { AddCampaignExclusionsMutation, ExclusionCampaignsQuery } from '../campaigns/exclusionOperations';
import { channelName } from '../campaigns/labels';
import type { SelectedCustomer } from './BulkProhibitionForm';

type Step = 'choose' | 'confirm' | 'done';

/**
 * Issue 16, P15: the selected customers onto a campaign's manual exclusions, so its list leaves them off
 * (reason MANUAL) at the next build and at export. Choose a campaign the user may change, confirm, and
 * see how many were added, were there already, or could not be added: one request, one transaction.
 */
export function BulkCampaignExclusionForm({ customers, onClose }: { customers: SelectedCustomer[]; onClose(): void }) {
  const t = useT();
  const x = t.campaignExclusions;
  const ability = useAppAbility();
  const campaigns = useQuery(ExclusionCampaignsQuery, { fetchPolicy: 'cache-and-network' });
  const [add, adding] = useMutation(AddCampaignExclusionsMutation);
  const [campaignId, setCampaignId] = useState('');
  const [note, setNote] = useState('');
  const [step, setStep] = useState<Step>('choose');
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<Added['addCampaignExclusions'] | null>(null);
  const heading = useFocusWhen<HTMLHeadingElement>(step === 'choose');
  const campaignRef = useFocusWhen<HTMLSelectElement>(missing);
  const confirmRef = useFocusWhen<HTMLButtonElement>(step === 'confirm');
  const resultRef = useFocusWhen<HTMLParagraphElement>(step === 'done');

  // Archived campaigns are kept as they were: only the others may be changed.
  const editable = (campaigns.data?.campaigns ?? []).filter((c) => c.id && c.status !== 'ARCHIVED');
  const chosen = editable.find((c) => c.id === campaignId);
  const count = customers.length;

  const next = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setMissing(true);
      campaignRef.current?.focus();
      return;
    }
    setMissing(false);
    setStep('confirm');
  };

  const confirm = async () => {
    if (!chosen?.id) return;
    try {
      const { data } = await add({ variables: { campaignId: chosen.id, customerIds: customers.map((c) => c.id), note: note.trim() || null } });
      if (data) {
        setResult(data.addCampaignExclusions);
        setStep('done');
      }
    } catch {
      // shown through `adding.error`
    }
  };

  return (
    <form className="card prohibition-form" onSubmit={next} aria-labelledby="bulk-exclusion-title" data-testid="bulk-exclusion" noValidate>
      <h3 id="bulk-exclusion-title" tabIndex={-1} ref={heading}>
        {x.formTitle(count)}
      </h3>
      {step === 'choose' && (
        <>
          <p className="hint">{x.formIntro}</p>
          {campaigns.error && <ErrorNotice error={campaigns.error} onRetry={() => void campaigns.refetch()} />}
          {!campaigns.data && campaigns.loading && <Loading />}
          {campaigns.data && editable.length === 0 && (
            <div className="empty" data-testid="bulk-exclusion-no-campaigns">
              <p>{x.noCampaigns}</p>
              {ability.can('create', 'Campaign') && (
                <p>
                  <Link to="/campaigns/new">{x.createCampaign}</Link>
                </p>
              )}
            </div>
          )}
          {editable.length > 0 && (
            <div className="form-grid">
              <div className={missing ? 'field field-invalid' : 'field'}>
                <label htmlFor="bulk-exclusion-campaign">{x.campaign}</label>
                <select
                  id="bulk-exclusion-campaign"
                  ref={campaignRef}
                  value={campaignId}
                  onChange={(e) => setCampaignId(e.target.value)}
                  aria-invalid={missing || undefined}
                  aria-describedby={missing ? 'bulk-exclusion-campaign-error' : undefined}
                  required
                >
                  <option value="">{x.chooseCampaign}</option>
                  {editable.map((c) => (
                    <option key={c.id} value={c.id ?? ''}>
                      {c.name} ({channelName(t, c.channel)})
                    </option>
                  ))}
                </select>
                {missing && <FieldError id="bulk-exclusion-campaign-error" message={x.campaignRequired} />}
              </div>
              <div className="field">
                <label htmlFor="bulk-exclusion-note">{x.noteLabel}</label>
                <input id="bulk-exclusion-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
              </div>
            </div>
          )}
          <div className="actions">
            {editable.length > 0 && (
              <button type="submit" className="primary">
                {x.next}
              </button>
            )}
            <button type="button" onClick={onClose}>
              {x.close}
            </button>
          </div>
        </>
      )}
      {step === 'confirm' && chosen && (
        <div data-testid="bulk-exclusion-confirm">
          <p>{x.confirm(count, chosen.name ?? '')}</p>
          <p className="hint">{x.formIntro}</p>
          {adding.error && <ErrorNotice error={adding.error} />}
          <div className="actions">
            <button type="button" className="primary" ref={confirmRef} disabled={adding.loading} onClick={() => void confirm()}>
              {adding.loading ? x.adding : x.confirmButton}
            </button>
            <button type="button" disabled={adding.loading} onClick={() => setStep('choose')}>
              {x.back}
            </button>
          </div>
        </div>
      )}
      {step === 'done' && result && chosen && (
        <div data-testid="bulk-exclusion-result">
          <h4>{x.resultTitle(chosen.name ?? '')}</h4>
          <p role="status" tabIndex={-1} ref={resultRef} data-testid="bulk-exclusion-summary">
            {x.summary(result.added, result.alreadyExcluded, result.notFound)}
          </p>
          <div className="actions">
            <Link className="button" to={`/campaigns/${chosen.id}`} data-testid="bulk-exclusion-show">
              {x.showCampaign}
            </Link>
            <button type="button" onClick={onClose}>
              {x.close}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
