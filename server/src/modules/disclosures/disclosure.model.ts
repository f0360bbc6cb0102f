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
