import { EEA_COUNTRIES } from '@rekisteri/schema';
import type { Messages } from '../../app/i18n';
import type { DisclosureBasis, RecipientKind, RecipientLanguage, TransferSafeguard } from '../../gql/graphql';

export const RECIPIENT_KINDS: readonly RecipientKind[] = ['PROCESSOR', 'INDEPENDENT_CONTROLLER', 'AUTHORITY'];
/** P8: the closed list of bases on which data may leave the company. */
export const DISCLOSURE_BASES: readonly DisclosureBasis[] = ['INVOICING', 'CREDIT_DECISION', 'DEBT_COLLECTION', 'VALUE_ADDED_SERVICE', 'LEGAL_OBLIGATION'];
/** GDPR 19: the languages a recipient's notices are written in. */
export const RECIPIENT_LANGUAGES: readonly RecipientLanguage[] = ['FI', 'EN'];
export const SAFEGUARDS: readonly TransferSafeguard[] = ['ADEQUACY_DECISION', 'STANDARD_CONTRACTUAL_CLAUSES', 'BINDING_CORPORATE_RULES'];

export const kindLabel = (t: Messages, kind: RecipientKind | null | undefined) => (kind ? (t.recipients.kinds[kind] ?? kind) : '');
export const basisLabel = (t: Messages, basis: DisclosureBasis | null | undefined) => (basis ? (t.disclosures.bases[basis] ?? basis) : '');
export const safeguardLabel = (t: Messages, safeguard: TransferSafeguard | null | undefined) =>
  safeguard ? (t.recipients.safeguards[safeguard] ?? safeguard) : '';

/** Whether a typed country code is known to be outside the EU/EEA (an unfinished code is not). */
export function outsideEea(country: string): boolean {
  const code = country.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) && !EEA_COUNTRIES.has(code);
}
