export { EEA_COUNTRIES, inEea } from '@rekisteri/schema';

/**
 * P9: the countries outside the EU/EEA for which the European Commission has adopted an adequacy decision
 * (GDPR art. 45), as listed on the Commission's page "Adequacy decisions"
 * (https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en),
 * recorded on 2 December 2026. Canada: commercial organisations (PIPEDA). The United States is adequate only for
 * organisations certified under the EU-US Data Privacy Framework, which a processor records (`dpfCertified`).
 * Review this list when the Commission adopts, amends or withdraws a decision.
 */
export const ADEQUACY_LIST = {
  source: 'https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en',
  recordedOn: '2026-12-02',
  countries: new Set(['AD', 'AR', 'CA', 'FO', 'GG', 'IL', 'IM', 'JP', 'JE', 'NZ', 'KR', 'CH', 'GB', 'UY']),
  /** Adequate only for organisations certified under the EU-US Data Privacy Framework. */
  dataPrivacyFramework: 'US',
} as const;

/** Whether the Commission has an adequacy decision for the country (the US: only for a DPF-certified organisation). */
export function hasAdequacyDecision(country: string, dpfCertified = false): boolean {
  const c = country.trim().toUpperCase();
  return ADEQUACY_LIST.countries.has(c) || (c === ADEQUACY_LIST.dataPrivacyFramework && dpfCertified);
}
