import type { ContactChannel, ExportFormat } from '../../gql/graphql';

/** A file name from the campaign's name: "Kevät Tampere" on 2025-03-01 is `kevat-tampere-2025-03-01.csv`. */
export function exportFileName(campaignName: string, extension: string, now = new Date()): string {
  const slug = campaignName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const pad = (v: number) => String(v).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `${slug || 'kampanja'}-${day}.${extension}`;
}

const NAMES = ['customerNumber', 'firstName', 'lastName'] as const;
const CONTACT: Record<ContactChannel, readonly string[]> = {
  EMAIL: ['email'],
  PHONE: ['phone'],
  SMS: ['phone'],
  POST: ['street', 'postalCode', 'city', 'country'],
};

/**
 * The customer fields a file carries, as the server checks them: the person exporting must be
 * able to read every one (a PHONE or SMS file needs the phone, which marketing never reads).
 */
export function exportFileFields(channel: ContactChannel, format: ExportFormat): readonly string[] {
  if (format === 'LABELS_PDF') return ['firstName', 'lastName', 'street', 'postalCode', 'city', 'country'];
  return [...NAMES, ...CONTACT[channel]];
}
