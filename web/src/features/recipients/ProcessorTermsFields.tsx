import { FieldError, TextField } from '../../app/components';
import { useT } from '../../app/i18n';
import type { TransferSafeguard } from '../../gql/graphql';
import { outsideEea, SAFEGUARDS, safeguardLabel } from './labels';

/** P9: a processor's agreement and, outside the EU/EEA, how the transfer is safeguarded: what the form holds. */
export interface ProcessorTermsState {
  agreementDate: string;
  agreementReference: string;
  safeguard: TransferSafeguard | '';
  necessity: string;
  dpfCertified: boolean;
  sccVersion: string;
  sccSignedOn: string;
  bcrReference: string;
  /** One per line: name; country; activity. */
  subProcessors: string;
}

export const PROCESSOR_TERM_FIELDS = [
  'agreementDate',
  'agreementReference',
  'safeguard',
  'necessity',
  'dpfCertified',
  'sccVersion',
  'sccSignedOn',
  'bcrReference',
  'subProcessors',
];

interface Stored {
  agreementDate?: string | null;
  agreementReference?: string | null;
  safeguard?: TransferSafeguard | null;
  necessity?: string | null;
  dpfCertified?: boolean | null;
  sccVersion?: string | null;
  sccSignedOn?: string | null;
  bcrReference?: string | null;
  subProcessors?: Array<{ name: string; country: string; activity: string }> | null;
}

export function termsState(stored: Stored | null | undefined): ProcessorTermsState {
  return {
    agreementDate: stored?.agreementDate ?? '',
    agreementReference: stored?.agreementReference ?? '',
    safeguard: stored?.safeguard ?? '',
    necessity: stored?.necessity ?? '',
    dpfCertified: stored?.dpfCertified ?? false,
    sccVersion: stored?.sccVersion ?? '',
    sccSignedOn: stored?.sccSignedOn ?? '',
    bcrReference: stored?.bcrReference ?? '',
    subProcessors: (stored?.subProcessors ?? []).map((s) => `${s.name}; ${s.country}; ${s.activity}`).join('\n'),
  };
}

/** The terms as the API takes them; only the safeguard's own details are sent. */
export function termsInput(s: ProcessorTermsState) {
  return {
    agreementDate: s.agreementDate || null,
    agreementReference: s.agreementReference.trim() || null,
    safeguard: s.safeguard || null,
    necessity: s.necessity.trim() || null,
    dpfCertified: s.safeguard === 'ADEQUACY_DECISION' && s.dpfCertified,
    sccVersion: s.safeguard === 'STANDARD_CONTRACTUAL_CLAUSES' ? s.sccVersion.trim() || null : null,
    sccSignedOn: s.safeguard === 'STANDARD_CONTRACTUAL_CLAUSES' ? s.sccSignedOn || null : null,
    bcrReference: s.safeguard === 'BINDING_CORPORATE_RULES' ? s.bcrReference.trim() || null : null,
    subProcessors: s.subProcessors
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => {
        const [name = '', country = '', ...activity] = line.split(';').map((p) => p.trim());
        return { name, country, activity: activity.join('; ') };
      }),
  };
}

interface Props {
  idPrefix: string;
  country: string;
  value: ProcessorTermsState;
  onChange(next: ProcessorTermsState): void;
  errors: Record<string, string>;
  /** Whether the recipient is a processor (an agreement and sub-processors are asked only of one). */
  processor: boolean;
}

/** The agreement, sub-processors and transfer safeguard of a processor (P9), with errors beside each field. */
export function ProcessorTermsFields({ idPrefix, country, value, onChange, errors, processor }: Props) {
  const t = useT();
  const p = t.partners.processor;
  const r = t.recipients;
  const id = (field: string) => `${idPrefix}-${field}`;
  const set = <K extends keyof ProcessorTermsState>(key: K, v: ProcessorTermsState[K]) => onChange({ ...value, [key]: v });
  const outside = outsideEea(country);
  const code = country.trim().toUpperCase();
  return (
    <>
      {processor && (
        <div className="form-grid">
          <TextField
            id={id('agreementDate')}
            label={p.agreementDate}
            type="date"
            value={value.agreementDate}
            onChange={(v) => set('agreementDate', v)}
            error={errors.agreementDate}
          />
          <TextField
            id={id('agreementReference')}
            label={p.agreementReference}
            value={value.agreementReference}
            onChange={(v) => set('agreementReference', v)}
            maxLength={200}
            autoComplete="off"
            error={errors.agreementReference}
          />
        </div>
      )}
      {outside && (
        <p className="notice notice-info" role="status" data-testid={`${idPrefix}-outside-eea`}>
          {r.outsideEeaHint}
        </p>
      )}
      {outside && (
        <>
          <div className="form-grid">
            <div className={errors.safeguard ? 'field field-invalid' : 'field'}>
              <label htmlFor={id('safeguard')}>{r.safeguard}</label>
              <select
                id={id('safeguard')}
                value={value.safeguard}
                required
                onChange={(e) => set('safeguard', e.target.value as TransferSafeguard | '')}
                aria-invalid={errors.safeguard ? true : undefined}
                aria-describedby={errors.safeguard ? id('safeguard-error') : undefined}
              >
                <option value="">{r.chooseSafeguard}</option>
                {SAFEGUARDS.map((s) => (
                  <option key={s} value={s}>
                    {safeguardLabel(t, s)}
                  </option>
                ))}
              </select>
              {errors.safeguard && <FieldError id={id('safeguard-error')} message={errors.safeguard} />}
            </div>
            {value.safeguard === 'STANDARD_CONTRACTUAL_CLAUSES' && (
              <>
                <TextField
                  id={id('sccVersion')}
                  label={p.sccVersion}
                  hint={p.sccVersionHint}
                  value={value.sccVersion}
                  onChange={(v) => set('sccVersion', v)}
                  required
                  maxLength={20}
                  autoComplete="off"
                  error={errors.sccVersion}
                />
                <TextField
                  id={id('sccSignedOn')}
                  label={p.sccSignedOn}
                  type="date"
                  value={value.sccSignedOn}
                  onChange={(v) => set('sccSignedOn', v)}
                  required
                  error={errors.sccSignedOn}
                />
              </>
            )}
            {value.safeguard === 'BINDING_CORPORATE_RULES' && (
              <TextField
                id={id('bcrReference')}
                label={p.bcrReference}
                value={value.bcrReference}
                onChange={(v) => set('bcrReference', v)}
                required
                maxLength={200}
                autoComplete="off"
                error={errors.bcrReference}
              />
            )}
          </div>
          {value.safeguard === 'ADEQUACY_DECISION' && code === 'US' && (
            <div className={errors.dpfCertified ? 'field field-invalid' : 'field'}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  id={id('dpfCertified')}
                  checked={value.dpfCertified}
                  onChange={(e) => set('dpfCertified', e.target.checked)}
                  aria-describedby={errors.dpfCertified ? id('dpfCertified-error') : undefined}
                />
                {p.dpfCertified}
              </label>
              {errors.dpfCertified && <FieldError id={id('dpfCertified-error')} message={errors.dpfCertified} />}
            </div>
          )}
          <div className={errors.necessity ? 'field field-invalid' : 'field'}>
            <label htmlFor={id('necessity')}>{r.necessity}</label>
            <textarea
              id={id('necessity')}
              value={value.necessity}
              rows={2}
              maxLength={2000}
              required
              onChange={(e) => set('necessity', e.target.value)}
              aria-invalid={errors.necessity ? true : undefined}
              aria-describedby={errors.necessity ? id('necessity-error') : undefined}
            />
            {errors.necessity && <FieldError id={id('necessity-error')} message={errors.necessity} />}
          </div>
        </>
      )}
      {processor && (
        <div className={errors.subProcessors ? 'field field-invalid' : 'field'}>
          <label htmlFor={id('subProcessors')}>{p.subProcessors}</label>
          <textarea
            id={id('subProcessors')}
            value={value.subProcessors}
            rows={2}
            onChange={(e) => set('subProcessors', e.target.value)}
            aria-invalid={errors.subProcessors ? true : undefined}
            aria-describedby={[id('subProcessors-hint'), errors.subProcessors ? id('subProcessors-error') : null].filter(Boolean).join(' ')}
          />
          <p className="hint" id={id('subProcessors-hint')}>
            {p.subProcessorsHint}
          </p>
          {errors.subProcessors && <FieldError id={id('subProcessors-error')} message={errors.subProcessors} />}
        </div>
      )}
    </>
  );
}
