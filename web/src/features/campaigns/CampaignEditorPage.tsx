import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormErrors, TextField } from '../../app/components';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { CampaignPurpose, ContactChannel } from '../../gql/graphql';
import { campaignErrors } from './campaignErrors';
import { isFewerThan, type KCount } from './kCount';
import { CAMPAIGN_CHANNELS, channelName, PURPOSES, purposeLabel } from './labels';
import { CampaignsQuery, CreateCampaignMutation } from './operations';
import { emptySegmentDraft, segmentInputOf, type SegmentDraft } from './segment';
import { SegmentBuilder } from './SegmentBuilder';
import { useSegmentEstimate } from './useSegmentEstimate';

/** P3: a campaign's name, purpose, channel and segment, with a live count of the segment. */
export function CampaignEditorPage() {
  const { t, language } = useI18n();
  const c = t.campaigns;
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState<CampaignPurpose>('DIRECT_MARKETING');
  const [channel, setChannel] = useState<ContactChannel>('EMAIL');
  const [segment, setSegment] = useState<SegmentDraft>(emptySegmentDraft);
  const [create, { loading, error, reset }] = useMutation(CreateCampaignMutation, { refetchQueries: [CampaignsQuery] });

  const { input, problems } = segmentInputOf(segment);
  const estimate = useSegmentEstimate(input, problems.length === 0);

  const serverErrors = campaignErrors(t, error ?? estimate.error);
  // Below 5 only "fewer than 5" is told, so that narrowing a segment cannot single anyone out.
  const estimateText = (told: KCount) =>
    isFewerThan(told) ? c.estimateFewerThan(formatNumber(told.fewerThan ?? 5, language)) : c.estimate(formatNumber(told.count ?? 0, language));
  const byField: Record<string, string> = { ...serverErrors.byField };
  // A number typed wrong is said at once beside its field, and the server is not asked.
  for (const problem of problems) byField[problem] = problem === 'segment.minTotalSpendCents' ? c.invalidEuros : c.invalidWholeNumber;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problems.length > 0) return;
    try {
      const { data } = await create({ variables: { input: { name: name.trim(), purpose, channel, segment: input } } });
      const id = data?.createCampaign.id;
      if (id) void navigate(`/campaigns/${id}`, { state: { created: true } });
    } catch {
      // shown through `error`
    }
  };

  const changeSegment = (next: SegmentDraft) => {
    reset();
    setSegment(next);
  };

  return (
    <section aria-labelledby="campaign-editor-title">
      <p>
        <Link to="/campaigns">← {c.backToList}</Link>
      </p>
      <h1 id="campaign-editor-title">{c.createTitle}</h1>
      <form className="edit-form campaign-form" onSubmit={submit} aria-labelledby="campaign-editor-title" data-testid="campaign-form" noValidate>
        <FormErrors messages={error ? serverErrors.general : []} />
        <div className="form-grid">
          <TextField
            id="campaign-name"
            label={c.name}
            value={name}
            onChange={(value) => {
              reset();
              setName(value);
            }}
            required
            maxLength={200}
            autoComplete="off"
            error={byField.name}
          />
          <div className="field">
            <label htmlFor="campaign-purpose">{c.purpose}</label>
            <select
              id="campaign-purpose"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value as CampaignPurpose)}
              aria-describedby="campaign-purpose-hint"
            >
              {PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {purposeLabel(t, p)}
                </option>
              ))}
            </select>
            <p className="hint" id="campaign-purpose-hint">
              {c.purposeHint}
            </p>
          </div>
          <div className="field">
            <label htmlFor="campaign-channel">{c.channel}</label>
            <select id="campaign-channel" value={channel} onChange={(e) => setChannel(e.target.value as ContactChannel)}>
              {CAMPAIGN_CHANNELS.map((ch) => (
                <option key={ch} value={ch}>
                  {channelName(t, ch)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <SegmentBuilder draft={segment} onChange={changeSegment} errors={byField} />
        <div className="estimate" role="status" aria-live="polite" data-testid="segment-estimate" aria-busy={estimate.pending}>
          {problems.length > 0 || estimate.error ? (
            <span className="muted">{c.estimateUnavailable}</span>
          ) : estimate.estimate === null ? (
            <span className="muted">{c.estimating}</span>
          ) : (
            <>
              <strong data-testid="segment-estimate-count">{estimateText(estimate.estimate)}</strong>
              <span className="muted"> · {estimate.pending ? c.estimating : c.estimateHint}</span>
            </>
          )}
        </div>
        {!error && estimate.error && !Object.keys(serverErrors.byField).length && <FormErrors messages={serverErrors.general} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={loading}>
            {c.create}
          </button>
          <Link className="button" to="/campaigns">
            {c.cancel}
          </Link>
        </div>
      </form>
    </section>
  );
}
