import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors, TextField } from '../../app/components';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { ApiTokenFieldsFragment, ApiTokenScope } from '../../gql/graphql';
import { IssueApiTokenMutation, PartnersQuery, RevokeApiTokenMutation } from './operations';
import { fieldErrors } from './PartnerForm';

const SCOPES: readonly ApiTokenScope[] = ['READ_CUSTOMERS', 'WRITE_CUSTOMERS'];
const DAY = 86_400_000;

/** A date input's value `days` from today. */
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

interface Props {
  partnerId: string;
  partnerName: string;
  active: boolean;
  tokens: readonly ApiTokenFieldsFragment[];
}

/** P4: a firm's API tokens: issued (the secret shown once, with a copy button), listed with expiry and last use, revoked. */
export function ApiTokens({ partnerId, partnerName, active, tokens }: Props) {
  const { t, language } = useI18n();
  const c = t.partners.tokens;
  const idPrefix = `tokens-${partnerId}`;
  const id = (field: string) => `${idPrefix}-${field}`;
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['READ_CUSTOMERS']);
  const [expiresOn, setExpiresOn] = useState(inDays(90));
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const options = { refetchQueries: [PartnersQuery], awaitRefetchQueries: true };
  const [issue, issuing] = useMutation(IssueApiTokenMutation, options);
  const [revoke, revoking] = useMutation(RevokeApiTokenMutation, options);
  const errors = fieldErrors(t, issuing.error, ['name', 'scopes', 'expiresAt', 'partnerId']);
  const revokeErrors = fieldErrors(t, revoking.error, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setCopied(false);
    try {
      // The end of the chosen day, in the user's time zone.
      const expiresAt = expiresOn ? new Date(`${expiresOn}T23:59:59`).toISOString() : '';
      const result = await issue({ variables: { input: { partnerId, name: name.trim(), scopes, expiresAt } } });
      setSecret(result.data?.issueApiToken.secret ?? null);
      setName('');
    } catch {
      // shown at the fields
    }
  };

  const copy = async () => {
    if (!secret) return;
    await navigator.clipboard?.writeText(secret).catch(() => undefined);
    setCopied(true);
  };

  const status = (token: ApiTokenFieldsFragment) => (token.revokedAt ? c.revoked : token.active ? c.active : c.expired);

  return (
    <section className="api-tokens" aria-labelledby={id('title')} data-testid={`${idPrefix}`}>
      <h3 id={id('title')}>
        {c.title}: {partnerName}
      </h3>
      <p className="hint">{c.intro}</p>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <FormErrors messages={revokeErrors.general} />
      {secret && (
        <div className="notice notice-warning" role="alert" data-testid="issued-token">
          <p>{c.issued}</p>
          <p>
            <code data-testid="token-secret">{secret}</code>
          </p>
          <div className="actions">
            <button type="button" onClick={() => void copy()}>
              {c.copy}
            </button>
            <button type="button" onClick={() => setSecret(null)}>
              {c.dismiss}
            </button>
          </div>
          {copied && <p role="status">{c.copied}</p>}
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="empty">{c.empty}</p>
      ) : (
        <table className="data-table" data-testid="token-table">
          <thead>
            <tr>
              <th scope="col">{c.name}</th>
              <th scope="col">{c.prefix}</th>
              <th scope="col">{c.scopes}</th>
              <th scope="col">{c.expiresAt}</th>
              <th scope="col">{c.lastUsedAt}</th>
              <th scope="col">{c.status}</th>
              <th scope="col">{t.partners.actions}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} data-testid="token-row" className={token.active ? undefined : 'inactive'}>
                <th scope="row">{token.name}</th>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{(token.scopes ?? []).map((s) => c.scopeLabels[s] ?? s).join(', ')}</td>
                <td>{token.expiresAt ? formatTime(token.expiresAt, language) : ''}</td>
                <td>{token.lastUsedAt ? formatTime(token.lastUsedAt, language) : c.never}</td>
                <td data-testid="token-status">{status(token)}</td>
                <td>
                  {token.active && (
                    <button
                      type="button"
                      aria-label={`${c.revoke}: ${token.name}`}
                      disabled={revoking.loading}
                      onClick={async () => {
                        if (!window.confirm(c.revokeConfirm(token.name ?? ''))) return;
                        try {
                          await revoke({ variables: { id: token.id ?? '' } });
                          setNotice(c.revokedNotice(token.name ?? ''));
                        } catch {
                          // shown above the table
                        }
                      }}
                    >
                      {c.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {active && (
        <form onSubmit={submit} aria-labelledby={id('issue-title')} noValidate data-testid={`${idPrefix}-form`}>
          <h4 id={id('issue-title')}>{c.issueTitle(partnerName)}</h4>
          <FormErrors messages={errors.general} />
          {errors.byField.partnerId && <FormErrors messages={[errors.byField.partnerId]} />}
          <div className="form-grid">
            <TextField
              id={id('name')}
              label={c.name}
              hint={c.nameHint}
              value={name}
              onChange={setName}
              required
              maxLength={100}
              autoComplete="off"
              error={errors.byField.name}
            />
            <TextField
              id={id('expiresAt')}
              label={c.expiresAt}
              type="date"
              value={expiresOn}
              onChange={setExpiresOn}
              required
              min={inDays(1)}
              max={inDays(366)}
              error={errors.byField.expiresAt}
            />
          </div>
          <fieldset
            className={errors.byField.scopes ? 'roles field-invalid' : 'roles'}
            aria-describedby={errors.byField.scopes ? id('scopes-error') : undefined}
          >
            <legend>{c.scopes}</legend>
            {SCOPES.map((scope) => (
              <label key={scope} className="checkbox">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) => setScopes((prev) => (e.target.checked ? [...prev, scope] : prev.filter((s) => s !== scope)))}
                />
                {c.scopeLabels[scope] ?? scope}
              </label>
            ))}
            {errors.byField.scopes && <FieldError id={id('scopes-error')} message={errors.byField.scopes} />}
          </fieldset>
          <div className="actions">
            <button type="submit" className="primary" disabled={issuing.loading}>
              {c.issue}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
