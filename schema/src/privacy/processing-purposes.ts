/**
 * P1, P2, P3, P5, P10 (GDPR 13(1)(c), 30(1)(b)): why the register processes personal data, each purpose with its
 * legal basis. One source: the generated privacy notice, the record of processing and every access package read
 * it, so none of them can name a purpose the others do not. A purpose's marketing uses are limited by the
 * purpose policy of prohibitions (`purpose-policy.ts`).
 */

export const LEGAL_BASES = ['CONTRACT', 'LEGAL_OBLIGATION', 'LEGITIMATE_INTEREST', 'CONSENT'] as const;
export type LegalBasisCode = (typeof LEGAL_BASES)[number];

export const LEGAL_BASIS_TEXTS: Readonly<Record<LegalBasisCode, { fi: string; en: string }>> = {
  CONTRACT: { fi: 'sopimuksen täytäntöönpano (tietosuoja-asetus 6(1)(b))', en: 'performance of a contract (GDPR 6(1)(b))' },
  LEGAL_OBLIGATION: { fi: 'lakisääteinen velvoite (tietosuoja-asetus 6(1)(c))', en: 'a legal obligation (GDPR 6(1)(c))' },
  LEGITIMATE_INTEREST: {
    fi: 'rekisterinpitäjän oikeutettu etu, asiakassuhde (tietosuoja-asetus 6(1)(f))',
    en: 'the controller’s legitimate interest, the customer relationship (GDPR 6(1)(f))',
  },
  CONSENT: { fi: 'suostumus (tietosuoja-asetus 6(1)(a))', en: 'consent (GDPR 6(1)(a))' },
};

export interface ProcessingPurpose {
  code: string;
  /** The promise of the notice it keeps. */
  promise: string;
  fi: string;
  en: string;
  basis: LegalBasisCode;
}

export const PROCESSING_PURPOSES: readonly ProcessingPurpose[] = [
  {
    code: 'CUSTOMER_REGISTER',
    promise: 'P1',
    fi: 'Asiakasrekisterin ylläpito ja asiakassuhteen hoitaminen',
    en: 'Keeping the customer register and managing the customer relationship',
    basis: 'LEGITIMATE_INTEREST',
  },
  {
    code: 'ORDERS',
    promise: 'P1',
    fi: 'Asiakkaiden tilausten hallinnointi, arkistointi ja käsittely',
    en: 'Managing, archiving and processing customers’ orders',
    basis: 'CONTRACT',
  },
  {
    code: 'DEVELOPMENT_AND_STATISTICS',
    promise: 'P2',
    fi: 'Yrityksen toiminnan kehittäminen ja tilastointi (vain koostetietoina, ei yksittäistä henkilöä)',
    en: 'Developing the business and statistics (aggregates only, never a person)',
    basis: 'LEGITIMATE_INTEREST',
  },
  {
    code: 'TARGETED_MARKETING',
    promise: 'P3',
    fi: 'Mainonnan kohdistaminen ja henkilökohtaisempi sisältö yrityksen omissa rekistereissä, ellei asiakas ole sitä kieltänyt; tietoja ei luovuteta ulkopuolisille',
    en: 'Targeting advertising and more personal content inside the company’s own registers, unless the customer has forbidden it; no data is handed to outsiders',
    basis: 'LEGITIMATE_INTEREST',
  },
  {
    code: 'LIST_PUBLICATION',
    promise: 'P5',
    fi: 'Tietojen julkaiseminen luettelona (esim. suoramainonnan postitustarrat), ellei asiakas ole sitä kieltänyt',
    en: 'Publishing data as lists (e.g. mailing labels for direct mail), unless the customer has forbidden it',
    basis: 'LEGITIMATE_INTEREST',
  },
  {
    code: 'LEGAL_OBLIGATIONS',
    promise: 'P10',
    fi: 'Lakisääteiset velvoitteet: kirjanpito, laskutus ja perintä',
    en: 'Legal obligations: accounting, invoicing and debt collection',
    basis: 'LEGAL_OBLIGATION',
  },
];

/** A purpose with its basis in words, as the notice and the access package print it. */
export const purposeText = (p: ProcessingPurpose, language: 'fi' | 'en'): string =>
  `${p[language]}; ${language === 'fi' ? 'peruste' : 'basis'}: ${LEGAL_BASIS_TEXTS[p.basis][language]}`;
