import { RequestLanguage, type Lang } from './request.model';

/**
 * P14, P16: the words of every document a request makes (access package, letters, certificates, notices), in one
 * place: the labels of fields and the names of the register's codes in Finnish and English, worded as the web app's
 * catalogues word them (`web/src/app/i18n`), so a person reads `Verkkokauppa`, never `WEB_SHOP`. A code missing here
 * is shown as it is rather than dropped (a test renders every code the package can hold).
 */

type Texts = Readonly<Record<string, { fi: string; en: string }>>;

const FIELDS: Texts = {
  customerNumber: { fi: 'Asiakasnumero', en: 'Customer number' },
  firstName: { fi: 'Etunimi', en: 'First name' },
  lastName: { fi: 'Sukunimi', en: 'Last name' },
  organisation: { fi: 'Organisaatio', en: 'Organisation' },
  organisationName: { fi: 'Organisaation nimi', en: 'Organisation name' },
  organisationId: { fi: 'Organisaatio', en: 'Organisation' },
  businessId: { fi: 'Y-tunnus', en: 'Business ID' },
  email: { fi: 'Sähköposti', en: 'Email' },
  phone: { fi: 'Puhelin', en: 'Phone' },
  street: { fi: 'Katuosoite', en: 'Street address' },
  postalCode: { fi: 'Postinumero', en: 'Postal code' },
  city: { fi: 'Postitoimipaikka', en: 'City' },
  country: { fi: 'Maa', en: 'Country' },
  language: { fi: 'Asiointikieli', en: 'Language' },
  partner: { fi: 'Kumppaniyritys', en: 'Partner firm' },
  partnerId: { fi: 'Kumppaniyritys', en: 'Partner firm' },
  source: { fi: 'Tietolähde', en: 'Data source' },
  restricted: { fi: 'Käsittelyä rajoitettu', en: 'Processing restricted' },
  pendingErasure: { fi: 'Poisto odottaa', en: 'Erasure pending' },
  anonymised: { fi: 'Anonymisoitu', en: 'Anonymised' },
  createdAt: { fi: 'Luotu', en: 'Created' },
  updatedAt: { fi: 'Muutettu', en: 'Updated' },
  orders: { fi: 'Tilaukset', en: 'Orders' },
  invoices: { fi: 'Laskut', en: 'Invoices' },
  prohibitions: { fi: 'Kiellot', en: 'Prohibitions' },
  provenance: { fi: 'Tietojen lähteet', en: 'Sources of the data' },
  disclosures: { fi: 'Luovutukset', en: 'Disclosures' },
};

// The database's column names, as the disclosure ledger and the consultation log may name them.
const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  customer_number: 'customerNumber',
  first_name: 'firstName',
  last_name: 'lastName',
  organisation_id: 'organisation',
  postal_code: 'postalCode',
  partner_id: 'partner',
  business_id: 'businessId',
  pending_erasure: 'pendingErasure',
  created_at: 'createdAt',
  updated_at: 'updatedAt',
};

const SOURCES: Texts = {
  ADDRESS_UPDATE_SERVICE: { fi: 'Osoitepalvelu', en: 'Address update service' },
  CUSTOMER_NOTICE: { fi: 'Asiakkaan ilmoitus', en: 'Customer notice' },
  REGISTRATION: { fi: 'Rekisteröityminen', en: 'Registration' },
  RESELLER: { fi: 'Jälleenmyyjä', en: 'Reseller' },
  STAFF_ENTRY: { fi: 'Henkilökunnan kirjaus', en: 'Staff entry' },
  STORE_PURCHASE: { fi: 'Myymäläosto', en: 'Store purchase' },
  SUBCONTRACTOR: { fi: 'Alihankkija', en: 'Subcontractor' },
  WEB_FORM: { fi: 'Verkkolomake', en: 'Web form' },
  WEB_SHOP: { fi: 'Verkkokauppa', en: 'Web shop' },
  RECTIFICATION: { fi: 'Oikaisupyyntö', en: 'Rectification request' },
};

const ORDER_CHANNELS: Texts = {
  STORE: { fi: 'Myymälä', en: 'Store' },
  WEB_SHOP: { fi: 'Verkkokauppa', en: 'Web shop' },
  RESELLER: { fi: 'Jälleenmyyjä', en: 'Reseller' },
};

const ORDER_STATUSES: Texts = {
  OPEN: { fi: 'Avoin', en: 'Open' },
  DELIVERED: { fi: 'Toimitettu', en: 'Delivered' },
  CANCELLED: { fi: 'Peruttu', en: 'Cancelled' },
};

const INVOICE_STATUSES: Texts = {
  OPEN: { fi: 'Avoin', en: 'Open' },
  PAID: { fi: 'Maksettu', en: 'Paid' },
  IN_COLLECTION: { fi: 'Perinnässä', en: 'In collection' },
  CREDITED: { fi: 'Hyvitetty', en: 'Credited' },
};

const PROHIBITION_KINDS: Texts = {
  DIRECT_MARKETING: { fi: 'Suoramarkkinointikielto', en: 'Direct marketing prohibition' },
  DISTANCE_SELLING: { fi: 'Etämyyntikielto', en: 'Distance selling prohibition' },
  MARKET_AND_OPINION_RESEARCH: { fi: 'Markkina- ja mielipidetutkimuskielto', en: 'Market and opinion research prohibition' },
  LIST_PUBLICATION: { fi: 'Luettelokielto', en: 'List publication prohibition' },
  PROFILING: { fi: 'Profilointikielto', en: 'Profiling prohibition' },
  UPDATE: { fi: 'Päivityskielto', en: 'Update prohibition' },
};

const CONTACT_CHANNELS: Texts = {
  EMAIL: { fi: 'sähköposti', en: 'email' },
  POST: { fi: 'posti', en: 'post' },
  PHONE: { fi: 'puhelin', en: 'phone' },
  SMS: { fi: 'tekstiviesti', en: 'SMS' },
};

/** A note's contact channel (customer notes, issue 16). */
const NOTE_CHANNELS: Texts = {
  PHONE: { fi: 'puhelin', en: 'phone' },
  EMAIL: { fi: 'sähköposti', en: 'email' },
  VISIT: { fi: 'käynti', en: 'visit' },
  OTHER: { fi: 'muu', en: 'other' },
};

/** Why staff looked at the data (the purpose the web app sends with each request, web/src/app/purpose.tsx). */
const READ_PURPOSES: Texts = {
  'customer-service': { fi: 'Asiakaspalvelu', en: 'Customer service' },
  sales: { fi: 'Myynti', en: 'Sales' },
  marketing: { fi: 'Markkinointi', en: 'Marketing' },
  'privacy-request': { fi: 'Tietosuojapyyntö', en: 'Privacy request' },
  administration: { fi: 'Ylläpito', en: 'Administration' },
};

const VIAS: Texts = {
  CUSTOMER_SERVICE: { fi: 'Asiakaspalvelu', en: 'Customer service' },
  EMAIL: { fi: 'Sähköposti', en: 'Email' },
  CONTACT_PERSON: { fi: 'Yhteyshenkilö', en: 'Contact person' },
  LETTER: { fi: 'Kirje', en: 'Letter' },
  PHONE: { fi: 'Puhelin', en: 'Phone' },
  WEB_FORM: { fi: 'Verkkolomake', en: 'Web form' },
  EARLIER_PROHIBITION: { fi: 'Aiempi kielto (palautettu poistetun asiakkaan tiedoista)', en: 'Earlier prohibition (reinstated from an erased customer)' },
};

const PROHIBITION_ACTIONS: Texts = {
  SET: { fi: 'Kielto kirjattu', en: 'Prohibition recorded' },
  LIFT: { fi: 'Kielto poistettu', en: 'Prohibition lifted' },
};

const DISCLOSURE_BASES: Texts = {
  INVOICING: { fi: 'Laskutus', en: 'Invoicing' },
  CREDIT_DECISION: { fi: 'Luottopäätös', en: 'Credit decision' },
  DEBT_COLLECTION: { fi: 'Perintä', en: 'Debt collection' },
  VALUE_ADDED_SERVICE: { fi: 'Lisäarvopalvelu', en: 'Value-added service' },
  LEGAL_OBLIGATION: { fi: 'Lakisääteinen velvoite', en: 'Legal obligation' },
};

const RECIPIENT_KINDS: Texts = {
  PROCESSOR: { fi: 'Henkilötietojen käsittelijä', en: 'Processor' },
  INDEPENDENT_CONTROLLER: { fi: 'Itsenäinen rekisterinpitäjä', en: 'Independent controller' },
  AUTHORITY: { fi: 'Viranomainen', en: 'Authority' },
};

const SAFEGUARDS: Texts = {
  ADEQUACY_DECISION: { fi: 'Komission tietosuojan riittävyyttä koskeva päätös', en: 'Adequacy decision of the Commission' },
  STANDARD_CONTRACTUAL_CLAUSES: { fi: 'Vakiosopimuslausekkeet', en: 'Standard contractual clauses' },
  BINDING_CORPORATE_RULES: { fi: 'Yritystä koskevat sitovat säännöt', en: 'Binding corporate rules' },
};

/** The consultation log's actions: what was done with the person's data. */
const CONSULTATIONS: Texts = {
  CUSTOMER_READ: { fi: 'Tietojanne katsottu', en: 'Your data was viewed' },
  CUSTOMER_CREATED: { fi: 'Tietonne kirjattu rekisteriin', en: 'Your data was entered in the register' },
  CUSTOMER_UPDATED: { fi: 'Tietojanne muutettu', en: 'Your data was changed' },
  CUSTOMER_DATA_DISCLOSED: { fi: 'Tietojanne luovutettu', en: 'Your data was disclosed' },
  ACCESS_PACKAGE_CREATED: { fi: 'Tarkastuspaketti laadittu', en: 'An access package was prepared' },
  PRIVACY_DOCUMENT_DOWNLOADED: { fi: 'Pyyntönne asiakirja avattu', en: 'A document of your request was opened' },
};

const MARKETING_PURPOSES: Texts = {
  DIRECT_MARKETING: { fi: 'Suoramarkkinointi', en: 'Direct marketing' },
  DISTANCE_SELLING: { fi: 'Etämyynti', en: 'Distance selling' },
  MARKET_AND_OPINION_RESEARCH: { fi: 'Markkina- ja mielipidetutkimus', en: 'Market and opinion research' },
};

const EXCLUSION_REASONS: Texts = {
  PROHIBITED: { fi: 'oma kieltonne', en: 'your own prohibition' },
  LIST_PUBLICATION: { fi: 'luettelokielto', en: 'list publication prohibition' },
  NO_CONTACT_FOR_CHANNEL: { fi: 'ei yhteystietoa tälle kanavalle', en: 'no contact for this channel' },
  EXTERNAL_OPT_OUT: { fi: 'ulkoinen estolista', en: 'an external opt-out list' },
  DUPLICATE_CONTACT: { fi: 'sama yhteystieto jo listalla', en: 'the same contact already on the list' },
  RESTRICTED: { fi: 'käsittelyä rajoitettu', en: 'processing restricted' },
  PENDING_ERASURE: { fi: 'poistopyyntö käsittelyssä', en: 'an erasure request pending' },
  ANONYMISED: { fi: 'anonymisoitu', en: 'anonymised' },
  MANUAL: { fi: 'lisätty käsin kampanjan poissuljettaviin', en: "added by hand to the campaign's exclusions" },
};

const REQUEST_TYPES: Texts = {
  ACCESS: { fi: 'Tarkastuspyyntö', en: 'Access request' },
  RECTIFICATION: { fi: 'Oikaisupyyntö', en: 'Rectification request' },
  ERASURE: { fi: 'Poistopyyntö', en: 'Erasure request' },
  ANONYMISATION: { fi: 'Anonymisointipyyntö', en: 'Anonymisation request' },
  OBJECTION: { fi: 'Vastustamis- tai kieltopyyntö', en: 'Objection' },
  RESTRICTION: { fi: 'Käsittelyn rajoittaminen', en: 'Restriction of processing' },
};

const REQUEST_STATUSES: Texts = {
  RECEIVED: { fi: 'Vastaanotettu', en: 'Received' },
  IDENTITY_PENDING: { fi: 'Henkilöllisyys tarkistamatta', en: 'Identity not verified' },
  IN_PROGRESS: { fi: 'Käsittelyssä', en: 'In progress' },
  AWAITING_DECISION: { fi: 'Odottaa päätöstä', en: 'Awaiting decision' },
  COMPLETED: { fi: 'Valmis', en: 'Completed' },
  PARTIALLY_COMPLETED: { fi: 'Osittain toteutettu', en: 'Partially completed' },
  REFUSED: { fi: 'Hylätty', en: 'Refused' },
  WITHDRAWN: { fi: 'Peruttu', en: 'Withdrawn' },
};

const REQUEST_VIAS: Texts = {
  LETTER: { fi: 'Kirje', en: 'Letter' },
  EMAIL: { fi: 'Sähköposti', en: 'Email' },
  CUSTOMER_SERVICE: { fi: 'Asiakaspalvelu', en: 'Customer service' },
  CONTACT_PERSON: { fi: 'Yhteyshenkilö', en: 'Contact person' },
  WEB_FORM: { fi: 'Verkkolomake', en: 'Web form' },
};

const CONSENT_CATEGORIES: Texts = {
  NECESSARY: { fi: 'Välttämättömät', en: 'Necessary' },
  ANALYTICS: { fi: 'Tilastointi', en: 'Analytics' },
  MARKETING: { fi: 'Markkinointi', en: 'Marketing' },
};

const LANGUAGES: Texts = {
  fi: { fi: 'suomi', en: 'Finnish' },
  sv: { fi: 'ruotsi', en: 'Swedish' },
  en: { fi: 'englanti', en: 'English' },
};

const RECTIFICATION_DECISIONS: Texts = {
  APPROVED: { fi: 'Korjattu', en: 'Corrected' },
  REJECTED: { fi: 'Ei korjattu', en: 'Not corrected' },
};

export const DOCUMENT_CODES = {
  field: FIELDS,
  source: SOURCES,
  orderChannel: ORDER_CHANNELS,
  orderStatus: ORDER_STATUSES,
  invoiceStatus: INVOICE_STATUSES,
  prohibitionKind: PROHIBITION_KINDS,
  contactChannel: CONTACT_CHANNELS,
  noteChannel: NOTE_CHANNELS,
  readPurpose: READ_PURPOSES,
  via: VIAS,
  prohibitionAction: PROHIBITION_ACTIONS,
  disclosureBasis: DISCLOSURE_BASES,
  recipientKind: RECIPIENT_KINDS,
  safeguard: SAFEGUARDS,
  consultation: CONSULTATIONS,
  marketingPurpose: MARKETING_PURPOSES,
  exclusionReason: EXCLUSION_REASONS,
  requestType: REQUEST_TYPES,
  requestStatus: REQUEST_STATUSES,
  requestVia: REQUEST_VIAS,
  consentCategory: CONSENT_CATEGORIES,
  language: LANGUAGES,
  rectificationDecision: RECTIFICATION_DECISIONS,
} as const;
export type CodeList = keyof typeof DOCUMENT_CODES;

/** The rights every document lists (GDPR 13(2)(b)-(d)), and where to complain (GDPR 77). */
export const RIGHTS_TEXT = {
  fi: 'tarkastusoikeus, oikeus tietojen oikaisuun, poistamiseen ja käsittelyn rajoittamiseen, oikeus kieltää suoramarkkinointi, etämyynti, markkina- ja mielipidetutkimus sekä luetteloissa julkaiseminen, oikeus siirtää tiedot, ja oikeus tehdä valitus tietosuojavaltuutetulle (tietosuoja.fi).',
  en: 'access, rectification, erasure and restriction of processing, forbidding direct marketing, distance selling, market and opinion research and publication in lists, data portability, and the right to lodge a complaint with the Data Protection Ombudsman (tietosuoja.fi).',
} as const;

export const RIGHTS = [
  { code: 'ACCESS', fi: 'Tarkastusoikeus', en: 'Right of access', article: 'GDPR 15' },
  { code: 'RECTIFICATION', fi: 'Oikeus tietojen oikaisuun', en: 'Right to rectification', article: 'GDPR 16' },
  { code: 'ERASURE', fi: 'Oikeus tietojen poistamiseen', en: 'Right to erasure', article: 'GDPR 17' },
  { code: 'RESTRICTION', fi: 'Oikeus käsittelyn rajoittamiseen', en: 'Right to restriction of processing', article: 'GDPR 18' },
  { code: 'PORTABILITY', fi: 'Oikeus siirtää tiedot järjestelmästä toiseen', en: 'Right to data portability', article: 'GDPR 20' },
  {
    code: 'OBJECTION',
    fi: 'Oikeus kieltää suoramarkkinointi, etämyynti, markkina- ja mielipidetutkimus sekä luetteloissa julkaiseminen',
    en: 'Right to forbid direct marketing, distance selling, market and opinion research and publication in lists',
    article: 'GDPR 21',
  },
] as const;

export const SUPERVISORY_AUTHORITY = {
  fi: 'Tietosuojavaltuutetun toimisto',
  en: 'Office of the Data Protection Ombudsman',
  address: 'PL 800, 00531 Helsinki',
  web: 'https://tietosuoja.fi',
} as const;

const langKey = (lang: Lang): 'fi' | 'en' => (lang === RequestLanguage.FI ? 'fi' : 'en');

/**
 * How a document says things in one language: codes in words, dates and times on the company's calendar
 * (`TIME_ZONE`), amounts and counts in the language's number format. One per document: the formatters are
 * made once and reused for every row (an access package formats tens of thousands of values).
 */
export class DocumentWords {
  readonly key: 'fi' | 'en';
  private readonly money: Intl.NumberFormat;
  private readonly number: Intl.NumberFormat;
  private readonly regions: Intl.DisplayNames;
  private readonly list: Intl.ListFormat;

  constructor(
    readonly lang: Lang,
    private readonly dates: { format(lang: Lang, at: Date | string): string; dateTime(lang: Lang, at: Date | string): string },
  ) {
    this.key = langKey(lang);
    const locale = this.key === 'fi' ? 'fi-FI' : 'en-GB';
    this.money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    this.number = new Intl.NumberFormat(locale);
    this.regions = new Intl.DisplayNames([locale], { type: 'region' });
    this.list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  }

  get fi(): boolean {
    return this.key === 'fi';
  }

  /** Finnish or English text, whichever this document is written in. */
  t(fi: string, en: string): string {
    return this.key === 'fi' ? fi : en;
  }

  /** A code in words; an unknown code as it is. */
  code(list: CodeList, value: unknown): string {
    if (value == null || value === '') return '';
    const v = String(value);
    const texts: Texts = DOCUMENT_CODES[list];
    return texts[v]?.[this.key] ?? v;
  }

  /** A field's label, by its API name or its column name. */
  field(name: string): string {
    return this.code('field', COLUMN_ALIASES[name] ?? name);
  }

  fields(names: readonly string[] | null | undefined): string {
    return (names ?? []).map((n) => this.field(n)).join(', ');
  }

  /** Several things in one sentence: `a, b ja c` / `a, b and c`. */
  and(items: readonly string[]): string {
    return this.list.format(items);
  }

  /** A calendar day (`18.9.2024`, `18/09/2024`). */
  date(at: unknown): string {
    return at ? this.dates.format(this.lang, at as Date | string) : '';
  }

  /** An instant to the minute (`18.9.2024 klo 20.12`, `18/09/2024, 20:12`); a SQL date stays a day. */
  dateTime(at: unknown): string {
    return at ? this.dates.dateTime(this.lang, at as Date | string) : '';
  }

  /** Integer cents as euros (`428,23 €`, `€428.23`). */
  euros(cents: unknown): string {
    return cents == null ? '' : this.money.format(Number(cents) / 100);
  }

  count(n: number): string {
    return this.number.format(n);
  }

  /** A VAT rate in basis points as percent (`25,5 %`). */
  percent(basisPoints: unknown): string {
    return basisPoints == null ? '' : `${this.number.format(Number(basisPoints) / 100)} %`;
  }

  /** An ISO country code by name (`Suomi`, `Finland`). */
  country(code: unknown): string {
    if (!code) return '';
    try {
      return this.regions.of(String(code).toUpperCase()) ?? String(code);
    } catch {
      return String(code);
    }
  }

  yesNo(value: unknown): string {
    return value ? this.t('kyllä', 'yes') : this.t('ei', 'no');
  }
}
