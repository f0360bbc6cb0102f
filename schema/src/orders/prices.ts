/** A line as priced: quantity times a net unit price in cents, VAT in basis points (2550 is 25.5 %). */
export interface LineToPrice {
  quantity: number;
  unitPriceCents: number;
  vatRateBasisPoints: number;
}

export interface Totals {
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/** One line's totals. VAT is rounded half up per line. */
export function priceLine(line: LineToPrice): Totals {
  const netCents = line.quantity * line.unitPriceCents;
  const vatCents = Math.floor((netCents * line.vatRateBasisPoints + 5_000) / 10_000);
  return { netCents, vatCents, grossCents: netCents + vatCents };
}

/**
 * Line and order totals in integer cents: the order's totals are the sums of its lines, so they
 * match any invoice drawn from them. The server stores these; the web shows the same running total.
 */
export function priceLines<T extends LineToPrice>(lines: T[]): Totals & { lines: Array<T & Totals & { position: number }> } {
  const priced = lines.map((line, index) => ({ ...line, position: index + 1, ...priceLine(line) }));
  const sum = (key: keyof Totals) => priced.reduce((acc, l) => acc + l[key], 0);
  return { lines: priced, netCents: sum('netCents'), vatCents: sum('vatCents'), grossCents: sum('grossCents') };
}
