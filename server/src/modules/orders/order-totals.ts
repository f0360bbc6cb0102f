import type { OrderLineInput } from './order.inputs';

export interface PricedLine extends OrderLineInput {
  position: number;
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/**
 * Line and order totals in integer cents. Prices are net; VAT is rounded half up per line, so
 * the order's totals are the sums of its lines and match any invoice drawn from them.
 */
export function priceLines(lines: OrderLineInput[]): { lines: PricedLine[]; netCents: number; vatCents: number; grossCents: number } {
  const priced = lines.map((line, index) => {
    const netCents = line.quantity * line.unitPriceCents;
    const vatCents = Math.floor((netCents * line.vatRateBasisPoints + 5_000) / 10_000);
    return { ...line, position: index + 1, netCents, vatCents, grossCents: netCents + vatCents };
  });
  const sum = (key: 'netCents' | 'vatCents' | 'grossCents') => priced.reduce((acc, l) => acc + l[key], 0);
  return { lines: priced, netCents: sum('netCents'), vatCents: sum('vatCents'), grossCents: sum('grossCents') };
}
