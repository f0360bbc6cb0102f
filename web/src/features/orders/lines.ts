import { parseEuros } from '../../app/format';
import type { OrderLineInput } from '../../gql/graphql';

/** The VAT rates offered, in basis points (2550 is 25.5 %). */
export const VAT_RATES = [2550, 1400, 1000, 0] as const;

/** One line of the order form, as typed. */
export interface LineDraft {
  key: number;
  sku: string;
  name: string;
  quantity: string;
  unitPrice: string;
  vatRateBasisPoints: number;
}

export type LineField = 'sku' | 'name' | 'quantity' | 'unitPrice' | 'vatRateBasisPoints';

let nextKey = 1;
export function emptyLine(): LineDraft {
  return { key: nextKey++, sku: '', name: '', quantity: '1', unitPrice: '', vatRateBasisPoints: 2550 };
}

export function parseQuantity(text: string): number | null {
  return /^\s*\d{1,7}\s*$/.test(text) && Number(text) >= 1 ? Number(text) : null;
}

/** The line as the server takes it, or null while its quantity or price is not a number yet. */
export function lineInput(line: LineDraft): OrderLineInput | null {
  const quantity = parseQuantity(line.quantity);
  const unitPriceCents = parseEuros(line.unitPrice);
  if (quantity === null || unitPriceCents === null) return null;
  return { sku: line.sku.trim(), name: line.name.trim(), quantity, unitPriceCents, vatRateBasisPoints: line.vatRateBasisPoints };
}

/**
 * The same arithmetic as the server's `priceLines` (net = quantity × price; VAT rounded half up
 * per line), so the running total in the form is the total the order will have. The server's
 * figures are what is stored and shown afterwards.
 */
export function lineTotals(line: OrderLineInput): { netCents: number; vatCents: number; grossCents: number } {
  const netCents = line.quantity * line.unitPriceCents;
  const vatCents = Math.floor((netCents * line.vatRateBasisPoints + 5_000) / 10_000);
  return { netCents, vatCents, grossCents: netCents + vatCents };
}

export function orderTotals(lines: OrderLineInput[]): { netCents: number; vatCents: number; grossCents: number } {
  return lines.map(lineTotals).reduce(
    (sum, l) => ({ netCents: sum.netCents + l.netCents, vatCents: sum.vatCents + l.vatCents, grossCents: sum.grossCents + l.grossCents }),
    { netCents: 0, vatCents: 0, grossCents: 0 },
  );
}

/** `lines.0.quantity` (with or without `input.`) as line index and form field. */
export function lineFieldOfError(field: string): { index: number; field: LineField } | null {
  const match = /^(?:input\.)?lines\.(\d+)\.(\w+)$/.exec(field);
  if (!match) return null;
  const name = match[2] === 'unitPriceCents' ? 'unitPrice' : match[2];
  if (!['sku', 'name', 'quantity', 'unitPrice', 'vatRateBasisPoints'].includes(name)) return null;
  return { index: Number(match[1]), field: name as LineField };
}
