import type { AppAbility } from '@rekisteri/schema';
import type { PrivacyRequestQueryVariables } from '../../gql/graphql';

/**
 * Request fields whose reading the query switches on and off with `@include(if: $with…)`: how a
 * request is worked (privacy officers and admins), who works it, and where the paper original is
 * kept (privacy officers only, P11) and the buyers of retained vouchers (privacy officers only, P10). Asked field by field, so the page follows the permission table.
 */
export const OPTIONAL_REQUEST_FIELDS = [
  'identityVerified',
  'assignee',
  'items',
  'notices',
  'erasurePlan',
  'documents',
  'events',
  'paperOriginalLocation',
  'retainedVouchers',
] as const;

export type RequestReadFlags = Omit<PrivacyRequestQueryVariables, 'id'>;

export function requestReadFlags(ability: AppAbility): RequestReadFlags {
  return {
    ...Object.fromEntries(
      OPTIONAL_REQUEST_FIELDS.map((field) => [`with${field[0].toUpperCase()}${field.slice(1)}`, ability.can('read', 'PrivacyRequest', field)]),
    ),
    withFirstName: ability.can('read', 'Customer', 'firstName'),
    withLastName: ability.can('read', 'Customer', 'lastName'),
  } as RequestReadFlags;
}
