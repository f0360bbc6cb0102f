import { CUSTOMER_CONTACT_FIELDS, CUSTOMER_ORDER_FIELDS, CUSTOMER_PROHIBITION_FIELDS, CUSTOMER_PROVENANCE_FIELDS } from '@rekisteri/schema';

/**
 * Every table that holds data about a customer, and what the access package (P14) and erasure
 * (P10, P17) do with it. A test reads the database's own catalogue and fails when a table that
 * names a customer (or hangs off one that does) is missing here, so a new table cannot be forgotten.
 */
export interface PersonalDataTable {
  /** The access package's section that shows this table's rows; null when it holds nothing about the person. */
  section: string | null;
  /** Why a table is outside the package, when it is. */
  why?: string;
}

export const PERSONAL_DATA_TABLES: Readonly<Record<string, PersonalDataTable>> = {
  customers: { section: 'profile' },
  customer_provenance: { section: 'provenance' },
  orders: { section: 'orders' },
  order_lines: { section: 'orders' },
  invoices: { section: 'invoices' },
  prohibition_events: { section: 'prohibitions' },
  disclosures: { section: 'disclosures' },
  audit_events: { section: 'consultationLog' },
  target_list_members: { section: 'targetLists' },
  target_list_exclusions: { section: 'targetLists' },
  // Issue 16: kept off a campaign's lists by hand.
  campaign_exclusions: { section: 'targetLists' },
  privacy_requests: { section: 'requests' },
  rectification_items: { section: 'requests' },
  privacy_request_events: { section: null, why: 'Staff steps on a request; the request itself is in the package.' },
  rectification_notices: { section: 'requests' },
  erasure_items: { section: null, why: 'Row counts and table names only, no personal data.' },
  privacy_documents: { section: null, why: 'Earlier answers to the person, already given to them.' },
  retained_vouchers: {
    section: null,
    why: 'Buyers of vouchers kept for the Accounting Act after an erasure: no profile remains to make a package of (P10).',
  },
  outbox_messages: { section: null, why: 'How each of those answers went (when, to which address); goes with its document.' },
  // P13: the company's own site, linked to the person by a form fill.
  web_consents: { section: 'webEvents' },
  web_events: { section: 'webEvents' },
  web_form_submissions: { section: 'webEvents' },
  // P7: address updates from an update service, and the customer's update prohibition.
  update_prohibition_events: { section: 'prohibitions' },
  address_update_rows: {
    section: null,
    why: "An update file's rows as the service sent them, kept as that import's report; what was applied is in the profile and its provenance.",
  },
  // P11: the register of paper material; the papers themselves are listed on the person's erasure request to be destroyed.
  paper_records: {
    section: null,
    why: "The register's custody record of paper material (where it is locked away, who keeps it, when it was destroyed); the papers are the person's own documents.",
  },
  // P7, P6: customer lists of stores and resellers, and merges of two records of one person.
  customer_import_rows: {
    section: null,
    why: "A customer list's rows as the store or reseller sent them, kept as that import's report; what was taken is in the profile and its provenance.",
  },
  // Issue 16: notes and contacts staff wrote about the person.
  customer_notes: { section: 'notes' },
  customer_merges: { section: null, why: 'Which two records of the person were made one, by customer number; the kept profile is in the package.' },
  retention_proposals: {
    section: null,
    why: "The register's own retention decision on the profile (dates, an officer's reason); not data from or about the person's dealings.",
  },
};

/** The access package's sections, in the order the printable document shows them. */
export const PACKAGE_SECTIONS = [
  'profile',
  'provenance',
  'orders',
  'invoices',
  'prohibitions',
  'disclosures',
  'processors',
  'purposes',
  'retention',
  'consultationLog',
  'targetLists',
  'webEvents',
  'notes',
  'requests',
] as const;
export type PackageSection = (typeof PACKAGE_SECTIONS)[number];

/**
 * The customer fields an access package carries: whoever makes or downloads one must be able to
 * read every one of them on that customer (a file carries only what its reader may read).
 */
export const PACKAGE_CUSTOMER_FIELDS: readonly string[] = [
  ...CUSTOMER_CONTACT_FIELDS,
  ...CUSTOMER_PROVENANCE_FIELDS,
  ...CUSTOMER_ORDER_FIELDS,
  ...CUSTOMER_PROHIBITION_FIELDS,
];
