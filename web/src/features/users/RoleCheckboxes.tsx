import { ROLES } from '@rekisteri/schema';
import { useT } from '../../app/i18n';
import type { Role } from '../../gql/graphql';

interface Props {
  idPrefix: string;
  legend: string;
  value: readonly Role[];
  onChange(roles: Role[]): void;
  error?: string;
}

export function RoleCheckboxes({ idPrefix, legend, value, onChange, error }: Props) {
  const t = useT();
  const toggle = (role: Role, on: boolean) => onChange(on ? ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role));
  return (
    <fieldset className={error ? 'roles field-invalid' : 'roles'} aria-describedby={error ? `${idPrefix}-roles-error` : undefined}>
      <legend>{legend}</legend>
      {ROLES.map((role) => (
        <label key={role} htmlFor={`${idPrefix}-role-${role}`} className="checkbox">
          <input id={`${idPrefix}-role-${role}`} type="checkbox" value={role} checked={value.includes(role)} onChange={(e) => toggle(role, e.target.checked)} />
          {t.roles[role]}
        </label>
      ))}
      {error && (
        <p className="field-error" id={`${idPrefix}-roles-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
