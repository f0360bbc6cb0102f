import { ORDER_LIMITS, priceLines } from '@rekisteri/schema';
import { parseEuros } from '../../app/format';
import type { OrderLineInput } from '../../gql/graphql';

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
/** A new line at the first of the rates in force (the server's VAT_RATES lists the general rate first). */
export function emptyLine(vatRates: readonly number[]): LineDraft {
  return { key: nextKey++, sku: '', name: '', quantity: '1', unitPrice: '', vatRateBasisPoints: vatRates[0] ?? 0 };
}

/** A quantity as typed, or null unless it is a whole number an order line may carry (ORDER_LIMITS, as the server checks). */
export function parseQuantity(text: string): number | null {
  return /^\s*\d{1,7}\s*$/.test(text) && Number(text) >= 1 && Number(text) <= ORDER_LIMITS.maxQuantity ? Number(text) : null;
}

/** A unit price in euros as typed, in cents, or null unless it is a price an order line may carry. */
export function parseUnitPrice(text: string): number | null {
  const cents = parseEuros(text);
  return cents !== null && cents <= ORDER_LIMITS.maxUnitPriceCents ? cents : null;
}

/** The line as the server takes it, or null while its quantity or price is not a number yet. */
export function lineInput(line: LineDraft): OrderLineInput | null {
  const quantity = parseQuantity(line.quantity);
  const unitPriceCents = parseUnitPrice(line.unitPrice);
  if (quantity === null || unitPriceCents === null) return null;
  return { sku: line.sku.trim(), name: line.name.trim(), quantity, unitPriceCents, vatRateBasisPoints: line.vatRateBasisPoints };
}

/** The running total of the form: the same pricing the server stores (`priceLines` of the shared schema package). */
export function orderTotals(lines: OrderLineInput[]): { netCents: number; vatCents: number; grossCents: number } {
  const { netCents, vatCents, grossCents } = priceLines(lines);
  return { netCents, vatCents, grossCents };
}

/** `lines.0.quantity` (with or without `input.`) as line index and form field. */
export function lineFieldOfError(field: string): { index: number; field: LineField } | null {
  const match = /^(?:input\.)?lines\.(\d+)\.(\w+)$/.exec(field);
  if (!match) return null;
  const name = match[2] === 'unitPriceCents' ? 'unitPrice' : match[2];
  if (!['sku', 'name', 'quantity', 'unitPrice', 'vatRateBasisPoints'].includes(name)) return null;
  return { index: Number(match[1]), field: name as LineField };
}
