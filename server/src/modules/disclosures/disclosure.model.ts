/**
 * The plain vocabulary of the recipients registry and the disclosure ledger: no GraphQL, so the
 * service and the repository use it without the schema (`disclosure.type.ts` registers it).
 */

export enum RecipientKind {
  PROCESSOR = 'PROCESSOR',
  INDEPENDENT_CONTROLLER = 'INDEPENDENT_CONTROLLER',
  AUTHORITY = 'AUTHORITY',
}

/** P8: the only grounds on which customer data leaves the company. There is no other. */
export enum DisclosureBasis {
  CREDIT_DECISION = 'CREDIT_DECISION',
  DEBT_COLLECTION = 'DEBT_COLLECTION',
  INVOICING = 'INVOICING',
  LEGAL_OBLIGATION = 'LEGAL_OBLIGATION',
  VALUE_ADDED_SERVICE = 'VALUE_ADDED_SERVICE',
}

/** P9: what makes a transfer outside the EU/EEA lawful. */
export enum TransferSafeguard {
  ADEQUACY_DECISION = 'ADEQUACY_DECISION',
  STANDARD_CONTRACTUAL_CLAUSES = 'STANDARD_CONTRACTUAL_CLAUSES',
  BINDING_CORPORATE_RULES = 'BINDING_CORPORATE_RULES',
}

/** GDPR 19: the language a recipient's notices are written in. */
export enum RecipientLanguage {
  FI = 'FI',
  EN = 'EN',
}

/** Someone customer data may be disclosed or transferred to (P8, P9). */
export interface Recipient {
  id: string;
  name: string;
  kind: RecipientKind;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Whether the country is in the EU/EEA (P9). */
  inEea: boolean;
  /** The bases it may receive data on. */
  bases: DisclosureBasis[];
  /** Outside the EU/EEA: the safeguard of the transfer. */
  safeguard: TransferSafeguard | null;
  /** Outside the EU/EEA: why the transfer is necessary. */
  necessity: string | null;
  active: boolean;
  /** GDPR 19: the language its notices are written in (Finnish when none). */
  language: RecipientLanguage | null;
  /** GDPR 19: where its notices are e-mailed; without one they are printed and posted. */
  contactEmail: string | null;
  /** GDPR 19: the postal address its printed notices go to, one line per line. */
  postalAddress: string | null;
  /** GDPR 28: the date of the data processing agreement (YYYY-MM-DD). */
  agreementDate: string | null;
  /** GDPR 28: the agreement's reference (contract number, archive reference). */
  agreementReference: string | null;
  /** GDPR 28(2): the processors it engages, where, and for what. */
  subProcessors: SubProcessor[];
  /** Which customer fields it processes (by their GraphQL names, from the permission table). */
  dataFields: string[];
  /** P9: a US organisation certified under the EU-US Data Privacy Framework (what makes an adequacy decision apply). */
  dpfCertified: boolean;
  /** P9: the version of the standard contractual clauses signed, e.g. 2021/914. */
  sccVersion: string | null;
  /** P9: the date the standard contractual clauses were signed (YYYY-MM-DD). */
  sccSignedOn: string | null;
  /** P9: the approval reference of the binding corporate rules. */
  bcrReference: string | null;
  /** P4: the partner firm this processor row belongs to, when it is one. */
  partnerId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A processor's own processor (GDPR 28(2)). */
export interface SubProcessor {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** What it does with the data. */
  activity: string;
}

/** P9: the terms of a processor: its agreement, sub-processors and how a transfer outside the EU/EEA is safeguarded. */
export interface ProcessorTerms {
  country: string;
  safeguard?: TransferSafeguard | null;
  necessity?: string | null;
  agreementDate?: string | null;
  agreementReference?: string | null;
  subProcessors?: SubProcessor[] | null;
  dpfCertified?: boolean | null;
  sccVersion?: string | null;
  sccSignedOn?: string | null;
  bcrReference?: string | null;
}

/** A recipient as a registration or a change gives it; a field the actor may not set fails the write. */
export interface RecipientDetails extends ProcessorTerms {
  name: string;
  kind: RecipientKind;
  bases: DisclosureBasis[];
  dataFields?: string[] | null;
  active?: boolean;
  language?: RecipientLanguage | null;
  contactEmail?: string | null;
  postalAddress?: string | null;
}

/** One entry of the disclosure ledger (P8): field names, never values. */
export interface Disclosure {
  id: string;
  customerId: string;
  recipient: Recipient;
  basis: DisclosureBasis;
  fields: string[];
  note: string | null;
  disclosedAt: Date;
  /** Username of who disclosed. */
  disclosedBy: string | null;
}

/** What to disclose, to whom and on which basis; the fields by their GraphQL names. */
export interface DisclosureInstruction {
  customerId: string;
  recipientId: string;
  basis: DisclosureBasis;
  fields: string[];
  note?: string | null;
}

export interface DisclosureResult {
  disclosure: Disclosure;
  /** The disclosed data: exactly the fields named, nothing else. */
  data: Record<string, unknown>;
}
