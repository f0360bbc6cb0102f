import type { Messages } from '../../app/i18n';
import { customerName, storedPersonName } from '../customers/CustomerStateMarker';
import type {
  ErasureAction,
  ErasureItemState,
  HoldReason,
  IdentityMethod,
  NoticeStatus,
  PrivacyDocumentKind,
  PrivacyRequestStatus,
  PrivacyRequestType,
  RequestLanguage,
  RequestReceivedVia,
} from '../../gql/graphql';

export const REQUEST_TYPES: readonly PrivacyRequestType[] = ['ACCESS', 'RECTIFICATION', 'ERASURE', 'ANONYMISATION', 'OBJECTION', 'RESTRICTION'];
export const REQUEST_STATUSES: readonly PrivacyRequestStatus[] = [
  'RECEIVED',
  'IDENTITY_PENDING',
  'IN_PROGRESS',
  'AWAITING_DECISION',
  'COMPLETED',
  'PARTIALLY_COMPLETED',
  'REFUSED',
  'WITHDRAWN',
];
/** A request in one of these is answered: nothing more is done on it. */
export const CLOSED_STATUSES: readonly PrivacyRequestStatus[] = ['COMPLETED', 'PARTIALLY_COMPLETED', 'REFUSED', 'WITHDRAWN'];
export const RECEIVED_VIAS: readonly RequestReceivedVia[] = ['LETTER', 'EMAIL', 'CUSTOMER_SERVICE', 'CONTACT_PERSON', 'WEB_FORM'];
export const REQUEST_LANGUAGES: readonly RequestLanguage[] = ['FI', 'EN'];
export const IDENTITY_METHODS: readonly IdentityMethod[] = [
  'STRONG_ELECTRONIC_IDENTIFICATION',
  'ID_DOCUMENT',
  'IN_PERSON',
  'SIGNED_LETTER',
  'KNOWN_CONTACT_DETAILS',
];
/** P16: the customer fields a requester may ask to have corrected (one list with the server's). */
export { RECTIFIABLE_FIELDS } from '@rekisteri/schema';

export const isClosed = (status: PrivacyRequestStatus | null | undefined) => !!status && CLOSED_STATUSES.includes(status);

export const typeLabel = (t: Messages, type: PrivacyRequestType | null | undefined) => (type ? (t.requests.types[type] ?? type) : '');
export const statusLabel = (t: Messages, status: PrivacyRequestStatus | null | undefined) => (status ? (t.requests.statuses[status] ?? status) : '');
export const viaLabel = (t: Messages, via: RequestReceivedVia | null | undefined) => (via ? (t.requests.vias[via] ?? via) : '');
export const languageLabel = (t: Messages, language: RequestLanguage | null | undefined) => (language ? (t.requests.languages[language] ?? language) : '');
export const methodLabel = (t: Messages, method: IdentityMethod) => t.requests.methods[method] ?? method;
export const documentKindLabel = (t: Messages, kind: PrivacyDocumentKind | null | undefined) => (kind ? (t.requests.documentKinds[kind] ?? kind) : '');
export const eventKindLabel = (t: Messages, kind: string) => t.requests.eventKinds[kind] ?? kind;
export const actionLabel = (t: Messages, action: ErasureAction) => t.requests.erasure.actions[action] ?? action;
export const holdReasonLabel = (t: Messages, reason: HoldReason | null | undefined) => (reason ? (t.requests.erasure.reasons[reason] ?? reason) : '');
export const itemStateLabel = (t: Messages, state: ErasureItemState) => t.requests.erasure.states[state] ?? state;
export const tableLabel = (t: Messages, table: string) => t.requests.erasure.tables[table] ?? table;
export const noticeStatusLabel = (t: Messages, status: NoticeStatus) => t.requests.rectification.noticeStatuses[status] ?? status;

/** A stored person's name in the reader's language: the anonymised placeholder reads "Anonymisoitu" in Finnish (customers/CustomerStateMarker). */
export const personName = storedPersonName;

/** "100042 – Aino Virtanen", or the number alone when the name may not be read. */
export function customerLabel(
  customer: { customerNumber?: string | null; firstName?: string | null; lastName?: string | null; anonymised?: boolean | null },
  t?: Messages,
): string {
  const name = t ? customerName(t, customer) : [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  return [customer.customerNumber, name].filter(Boolean).join(' – ');
}
