import { CUSTOMER_CONTACT_FIELDS, CUSTOMER_ORDER_FIELDS, CUSTOMER_PROHIBITION_FIELDS } from '@rekisteri/schema';
import countries from 'i18n-iso-countries';
import { appError, badInput } from '../../errors';
import { TransferSafeguard, type ProcessorTerms, type SubProcessor } from './disclosure.model';
import type { RecipientValues } from './disclosures.repository';
import { hasAdequacyDecision, inEea } from './eea';

/** The customer fields a processor can be recorded to process: the personal data the permission table lists (P6). */
export const PROCESSABLE_FIELDS: readonly string[] = [...CUSTOMER_CONTACT_FIELDS, ...CUSTOMER_ORDER_FIELDS, ...CUSTOMER_PROHIBITION_FIELDS];

/** The versions of the Commission's standard contractual clauses look like 2021/914. */
const SCC_VERSION = /^\d{4}\/\d{1,5}$/;
const MAX_SUB_PROCESSORS = 50;

export type ProcessorTermValues = Pick<
  RecipientValues,
  | 'country'
  | 'safeguard'
  | 'necessity'
  | 'agreement_date'
  | 'agreement_reference'
  | 'sub_processors'
  | 'dpf_certified'
  | 'scc_version'
  | 'scc_signed_on'
  | 'bcr_reference'
>;

/** An ISO 3166 alpha-2 country code, upper-cased, or bad input at `field`. */
export function countryCode(value: string | null | undefined, field: string): string {
  const country = value?.trim().toUpperCase();
  if (!country || !/^[A-Z]{2}$/.test(country) || !countries.isValid(country)) {
    throw badInput(field, 'Give the country as an ISO 3166 two-letter code, e.g. FI or US.');
  }
  return country;
}

/** A calendar date YYYY-MM-DD that exists, or null when none is given. */
function localDate(value: string | null | undefined, field: string): string | null {
  const text = value?.trim();
  if (!text) return null;
  const date = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw badInput(field, 'Give the date as YYYY-MM-DD.');
  }
  return text;
}

const text = (value: string | null | undefined, field: string, max: number): string | null => {
  const t = value?.trim() || null;
  if (t !== null && t.length > max) throw badInput(field, `Keep this to ${max} characters.`);
  return t;
};

function subProcessors(list: SubProcessor[] | null | undefined): SubProcessor[] {
  const given = list ?? [];
  if (given.length > MAX_SUB_PROCESSORS) throw badInput('subProcessors', `Record at most ${MAX_SUB_PROCESSORS} sub-processors.`);
  return given.map((s, i) => {
    const name = text(s.name, `subProcessors.${i}.name`, 200);
    if (!name) throw badInput(`subProcessors.${i}.name`, 'Give the sub-processor a name.');
    const activity = text(s.activity, `subProcessors.${i}.activity`, 500);
    if (!activity) throw badInput(`subProcessors.${i}.activity`, 'Say what the sub-processor does with the data.');
    return { name, country: countryCode(s.country, `subProcessors.${i}.country`), activity };
  });
}

/**
 * P9: a processor's agreement and, outside the EU/EEA, the recorded necessity and a safeguard that fits the
 * country: an adequacy decision only where the Commission has adopted one (the US only for a DPF-certified
 * organisation), otherwise standard contractual clauses (version and date signed) or binding corporate rules
 * (approval reference). Inside the EU/EEA nothing is transferred, so no transfer terms are kept.
 */
export function validateProcessorTerms(terms: ProcessorTerms): ProcessorTermValues {
  const country = countryCode(terms.country, 'country');
  const base = {
    country,
    agreement_date: localDate(terms.agreementDate, 'agreementDate'),
    agreement_reference: text(terms.agreementReference, 'agreementReference', 200),
    sub_processors: subProcessors(terms.subProcessors),
  };
  const none = { safeguard: null, necessity: null, dpf_certified: false, scc_version: null, scc_signed_on: null, bcr_reference: null };
  if (inEea(country)) return { ...base, ...none };

  const safeguard = terms.safeguard ?? null;
  if (!safeguard) throw badInput('safeguard', 'A recipient outside the EU/EEA needs a transfer safeguard.');
  const necessity = text(terms.necessity, 'necessity', 2000);
  if (!necessity) throw badInput('necessity', 'A recipient outside the EU/EEA needs a recorded reason why the transfer is necessary.');
  const dpfCertified = terms.dpfCertified === true;
  switch (safeguard) {
    case TransferSafeguard.ADEQUACY_DECISION: {
      if (country === 'US' && !dpfCertified) {
        throw badInput('dpfCertified', 'An adequacy decision covers a US organisation only when it is certified under the EU-US Data Privacy Framework.');
      }
      if (!hasAdequacyDecision(country, dpfCertified)) {
        const name = countries.getName(country, 'en') ?? country;
        throw appError(
          'BAD_USER_INPUT',
          `The European Commission has no adequacy decision for ${name} (${country}): use standard contractual clauses or binding corporate rules.`,
          {
            field: 'safeguard',
            reason: 'NO_ADEQUACY_DECISION',
          },
        );
      }
      return { ...base, ...none, safeguard, necessity, dpf_certified: dpfCertified };
    }
    case TransferSafeguard.STANDARD_CONTRACTUAL_CLAUSES: {
      const version = text(terms.sccVersion, 'sccVersion', 20);
      if (!version || !SCC_VERSION.test(version)) throw badInput('sccVersion', 'Give the version of the clauses, e.g. 2021/914.');
      const signedOn = localDate(terms.sccSignedOn, 'sccSignedOn');
      if (!signedOn) throw badInput('sccSignedOn', 'Give the date the clauses were signed.');
      return { ...base, ...none, safeguard, necessity, scc_version: version, scc_signed_on: signedOn };
    }
    case TransferSafeguard.BINDING_CORPORATE_RULES: {
      const reference = text(terms.bcrReference, 'bcrReference', 200);
      if (!reference) throw badInput('bcrReference', 'Give the approval reference of the binding corporate rules.');
      return { ...base, ...none, safeguard, necessity, bcr_reference: reference };
    }
    default:
      throw badInput('safeguard', 'Choose an adequacy decision, standard contractual clauses or binding corporate rules.');
  }
}

/** The customer fields a processor processes: known fields of the permission table, each once. */
export function dataFieldsOf(fields: readonly string[] | null | undefined, allowed: readonly string[] = PROCESSABLE_FIELDS, field = 'dataFields'): string[] {
  const unique = [...new Set(fields ?? [])];
  const unknown = unique.find((f) => !allowed.includes(f));
  if (unknown) throw badInput(field, `${unknown} is not a customer field that can be named here.`);
  return allowed.filter((f) => unique.includes(f));
}
