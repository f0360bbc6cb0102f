import type { RetentionSettings } from './retention';

/**
 * The retention periods in words (GDPR 13(2)(a), 30(1)(f)), from the settings in force: the privacy notice, the
 * record of processing and every access package print these lines, so what they say is what the jobs do.
 */

/** Kirjanpitolaki 2:10: vouchers (orders, invoices) are kept six years from the end of the year the financial year ended. */
export const VOUCHER_RETENTION_YEARS = 6;

export interface RetentionLine {
  /** What is kept. */
  code: 'CUSTOMER' | 'VOUCHERS' | 'PROHIBITIONS' | 'AUDIT_LOG' | 'CONSULTATION_LOG' | 'WEB_EVENTS' | 'PAPER';
  fi: string;
  en: string;
}

const months = (n: number, lang: 'fi' | 'en') => (lang === 'fi' ? `${n} kuukautta` : `${n} month${n === 1 ? '' : 's'}`);
const days = (n: number, lang: 'fi' | 'en') => (lang === 'fi' ? `${n} päivää` : `${n} day${n === 1 ? '' : 's'}`);

export function retentionLines(r: RetentionSettings): RetentionLine[] {
  return [
    {
      code: 'CUSTOMER',
      fi: `Asiakastiedot: asiakassuhteen ajan. Asiakas, jolla ei ole ollut tilausta, laskua eikä yhteydenottoa ${months(r.inactiveCustomerMonths, 'fi')}, ehdotetaan poistettavaksi; poistopyynnöstä tiedot poistetaan, ellei laki, avoimet laskut tai perintä estä sitä.`,
      en: `Customer data: for the customer relationship. A customer with no order, invoice or contact for ${months(r.inactiveCustomerMonths, 'en')} is proposed for erasure; on request data is erased unless the law, open invoices or debt collection prevent it.`,
    },
    {
      code: 'VOUCHERS',
      fi: `Tilaukset ja laskut (kirjanpidon tositteet): ${VOUCHER_RETENTION_YEARS} vuotta sen vuoden lopusta, jonka aikana tilikausi päättyi (kirjanpitolaki 2:10).`,
      en: `Orders and invoices (accounting vouchers): ${VOUCHER_RETENTION_YEARS} years from the end of the year in which the financial year ended (Accounting Act 2:10).`,
    },
    {
      code: 'PROHIBITIONS',
      fi: 'Markkinointikiellot: voimassa, kunnes asiakas peruu ne; poistetun asiakkaan kiellosta säilyy vain tunnistamaton tiiviste, jotta kielto pysyy voimassa.',
      en: 'Marketing prohibitions: until the customer lifts them; of an erased customer only a non-identifying keyed hash is kept, so the prohibition stays in force.',
    },
    {
      code: 'AUDIT_LOG',
      fi: `Muutosloki (muutokset, kirjautumiset, ylläpito): ${months(r.auditLogMonths, 'fi')}, sitten poistetaan.`,
      en: `Audit trail (changes, sign-ins, administration): ${months(r.auditLogMonths, 'en')}, then purged.`,
    },
    {
      code: 'CONSULTATION_LOG',
      fi: `Katseluloki (kuka katsoi kenen tietoja ja miksi): ${months(r.consultationLogMonths, 'fi')}, sitten poistetaan.`,
      en: `Consultation log (who read whose data and why): ${months(r.consultationLogMonths, 'en')}, then purged.`,
    },
    {
      code: 'WEB_EVENTS',
      fi: `Verkkosivujen käyntitiedot (evästeet): ${days(r.webEventDays, 'fi')}, sitten poistetaan.`,
      en: `Visits to the company’s web pages (cookies): ${days(r.webEventDays, 'en')}, then deleted.`,
    },
  ];
}
