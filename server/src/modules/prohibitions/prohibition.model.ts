/**
 * The prohibition ledger and the opt-out lists as the services see them: plain enums and
 * interfaces, no GraphQL (`prohibition.type.ts` gives them their GraphQL shape).
 */

export enum ProhibitionKind {
  DIRECT_MARKETING = 'DIRECT_MARKETING',
  DISTANCE_SELLING = 'DISTANCE_SELLING',
  MARKET_AND_OPINION_RESEARCH = 'MARKET_AND_OPINION_RESEARCH',
  LIST_PUBLICATION = 'LIST_PUBLICATION',
  PROFILING = 'PROFILING',
}

export enum ContactChannel {
  EMAIL = 'EMAIL',
  POST = 'POST',
  PHONE = 'PHONE',
  SMS = 'SMS',
}

export enum NoticeVia {
  CUSTOMER_SERVICE = 'CUSTOMER_SERVICE',
  EMAIL = 'EMAIL',
  CONTACT_PERSON = 'CONTACT_PERSON',
  LETTER = 'LETTER',
  PHONE = 'PHONE',
  WEB_FORM = 'WEB_FORM',
  /** Reinstated from an erased record's suppression key. */
  EARLIER_PROHIBITION = 'EARLIER_PROHIBITION',
}

export enum ProhibitionAction {
  SET = 'SET',
  LIFT = 'LIFT',
}

/** One entry of a customer's ledger, or one prohibition in force. */
export interface ProhibitionRecord {
  customerId: string;
  kind: ProhibitionKind;
  channel: ContactChannel | null;
  action: ProhibitionAction;
  via: NoticeVia;
  note: string | null;
  recordedAt: Date;
  recordedBy: string | null;
}

/** A customer's notice: what they forbade (or lifted), on which channel, and how they told us. */
export interface ProhibitionNotice {
  kind: ProhibitionKind;
  channel?: ContactChannel | null;
  via: NoticeVia;
  note?: string | null;
}

export interface OptOutListRecord {
  id: string;
  name: string;
  channel: ContactChannel | null;
  /** YYYY-MM-DD */
  validFrom: string;
  validUntil: string | null;
  rowCount: number;
  importedAt: Date;
}

export interface OptOutListImport {
  name: string;
  channel?: ContactChannel | null;
  validFrom: string;
  validUntil?: string | null;
  csv: string;
}
