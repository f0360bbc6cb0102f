import { FieldError } from '../../app/components';
import { useT } from '../../app/i18n';
import type { ContactChannel, ProhibitionKind } from '../../gql/graphql';
import { CHANNELS, channelLabel, KINDS, kindLabel } from '../prohibitions/labels';
import { customerFieldLabel } from '../customers/fields';
import { RECTIFIABLE_FIELDS } from './labels';

let nextKey = 1;

/** P16: one correction asked for, as typed. */
export interface ItemDraft {
  key: number;
  field: string;
  proposedValue: string;
  reason: string;
}

export const emptyItem = (): ItemDraft => ({ key: nextKey++, field: '', proposedValue: '', reason: '' });

/** P15, P17: one prohibition asked for in an objection; no channel means all channels. */
export interface ProhibitionDraft {
  key: number;
  kind: ProhibitionKind;
  channel: ContactChannel | '';
}

export const emptyProhibition = (): ProhibitionDraft => ({ key: nextKey++, kind: 'DIRECT_MARKETING', channel: '' });

interface RowsProps<Draft> {
  rows: Draft[];
  onChange(rows: Draft[]): void;
  /** Messages by the server's field name, e.g. `items.1.proposedValue`. */
  errors: Record<string, string>;
}

function FieldMessage({ id, errors, field }: { id: string; errors: Record<string, string>; field: string }) {
  return errors[field] ? <FieldError id={`${id}-error`} message={errors[field]} /> : null;
}

const invalid = (id: string, message: string | undefined) => (message ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {});

/** RECTIFICATION: field, the correct value and why, one row each; rows can be added and removed. */
export function RectificationItemRows({ rows, onChange, errors }: RowsProps<ItemDraft>) {
  const t = useT();
  const r = t.requests;
  const set = (key: number, patch: Partial<ItemDraft>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className="segment intake-rows" data-testid="intake-items">
      <legend>{r.itemsTitle}</legend>
      <p className="hint">{r.itemsIntro}</p>
      {/* Said before a field is asked for, not after: what this request cannot correct (P16). */}
      <p className="hint" data-testid="intake-not-rectifiable">
        {r.itemsNotRectifiable}
      </p>
      {errors.items && <FieldError id="intake-items-error" message={errors.items} />}
      {rows.map((row, index) => {
        const id = (field: string) => `intake-item-${index}-${field}`;
        const error = (field: string) => errors[`items.${index}.${field}`];
        return (
          <fieldset key={row.key} className="intake-row" data-testid="intake-item">
            <legend>{r.item(index + 1)}</legend>
            <div className="field">
              <label htmlFor={id('field')}>{r.itemField}</label>
              <select
                id={id('field')}
                value={row.field}
                required
                onChange={(e) => set(row.key, { field: e.target.value })}
                {...invalid(id('field'), error('field'))}
              >
                <option value="">{r.choose}</option>
                {RECTIFIABLE_FIELDS.map((field) => (
                  <option key={field} value={field}>
                    {customerFieldLabel(t, field)}
                  </option>
                ))}
              </select>
              <FieldMessage id={id('field')} errors={errors} field={`items.${index}.field`} />
            </div>
            <div className="field">
              <label htmlFor={id('proposedValue')}>{r.proposedValue}</label>
              <input
                id={id('proposedValue')}
                value={row.proposedValue}
                required
                maxLength={500}
                autoComplete="off"
                onChange={(e) => set(row.key, { proposedValue: e.target.value })}
                {...invalid(id('proposedValue'), error('proposedValue'))}
              />
              <FieldMessage id={id('proposedValue')} errors={errors} field={`items.${index}.proposedValue`} />
            </div>
            <div className="field">
              <label htmlFor={id('reason')}>{r.itemReason}</label>
              <input
                id={id('reason')}
                value={row.reason}
                maxLength={2000}
                autoComplete="off"
                onChange={(e) => set(row.key, { reason: e.target.value })}
                {...invalid(id('reason'), error('reason'))}
              />
              <FieldMessage id={id('reason')} errors={errors} field={`items.${index}.reason`} />
            </div>
            {rows.length > 1 && (
              <button type="button" className="remove-line" onClick={() => onChange(rows.filter((x) => x.key !== row.key))}>
                {r.removeItem(index + 1)}
              </button>
            )}
          </fieldset>
        );
      })}
      <p>
        <button type="button" onClick={() => onChange([...rows, emptyItem()])}>
          + {r.addItem}
        </button>
      </p>
    </fieldset>
  );
}

/** OBJECTION: the kind of "no" and, optionally, one channel; rows can be added and removed. */
export function ProhibitionRows({ rows, onChange, errors }: RowsProps<ProhibitionDraft>) {
  const t = useT();
  const r = t.requests;
  const set = (key: number, patch: Partial<ProhibitionDraft>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className="segment intake-rows" data-testid="intake-prohibitions">
      <legend>{r.prohibitionsTitle}</legend>
      <p className="hint">{r.prohibitionsIntro}</p>
      {errors.prohibitions && <FieldError id="intake-prohibitions-error" message={errors.prohibitions} />}
      {rows.map((row, index) => {
        const id = (field: string) => `intake-prohibition-${index}-${field}`;
        return (
          <fieldset key={row.key} className="intake-row" data-testid="intake-prohibition">
            <legend>{r.prohibition(index + 1)}</legend>
            <div className="field">
              <label htmlFor={id('kind')}>{t.prohibitions.kind}</label>
              <select id={id('kind')} value={row.kind} onChange={(e) => set(row.key, { kind: e.target.value as ProhibitionKind })}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(t, k)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={id('channel')}>{t.prohibitions.channel}</label>
              <select id={id('channel')} value={row.channel} onChange={(e) => set(row.key, { channel: e.target.value as ContactChannel | '' })}>
                <option value="">{t.prohibitions.allChannels}</option>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {channelLabel(t, c)}
                  </option>
                ))}
              </select>
            </div>
            {rows.length > 1 && (
              <button type="button" className="remove-line" onClick={() => onChange(rows.filter((x) => x.key !== row.key))}>
                {r.removeProhibition(index + 1)}
              </button>
            )}
          </fieldset>
        );
      })}
      <p>
        <button type="button" onClick={() => onChange([...rows, emptyProhibition()])}>
          + {r.addProhibition}
        </button>
      </p>
    </fieldset>
  );
}
