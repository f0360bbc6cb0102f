/**
 * Web events of the company's own site as the services see it (P13): plain types, no GraphQL
 * (`web-events.type.ts` gives them their GraphQL shape).
 */

/** What a visitor may consent to: page statistics, and using their visits for marketing. */
export enum ConsentCategory {
  ANALYTICS = 'ANALYTICS',
  MARKETING = 'MARKETING',
}

export const CONSENT_CATEGORIES: readonly ConsentCategory[] = [ConsentCategory.ANALYTICS, ConsentCategory.MARKETING];

/** A visitor's consent as it stands: given (with its categories), or withdrawn. */
export interface WebConsent {
  categories: ConsentCategory[];
  noticeVersion: string;
  givenAt: Date;
  withdrawnAt: Date | null;
  /** When a form fill linked the visitor to the customer. */
  linkedAt: Date | null;
}

/** One page view: what the notice says the cookies collect. */
export interface WebEvent {
  id: string;
  occurredAt: Date;
  page: string;
  durationSeconds: number;
  ipAddress: string | null;
  userAgent: string | null;
}

/** A form the visitor filled in on the site, linked to the customer it made or matched. */
export interface WebFormSubmission {
  id: string;
  form: string;
  message: string | null;
  submittedAt: Date;
  /** An existing customer was matched (else one was created). */
  matched: boolean;
}

/** A customer's web activity: the consents of their browsers, the page views, the forms. */
export interface CustomerWebActivity {
  consents: WebConsent[];
  events: WebEvent[];
  forms: WebFormSubmission[];
}

/** One page of the site, told only for a group of at least K visitors. */
export interface PageBucket {
  /** The page's path, or OTHER for the folded small pages. */
  page: string;
  visitors: { count: number | null; fewerThan: number | null };
  /** Null when the group is too small to describe. */
  views: number | null;
  averageSeconds: number | null;
}

export interface WebPageStatistics {
  minimumGroupSize: number;
  /** The period: events since this instant (the retention period). */
  since: Date;
  pages: PageBucket[];
}
