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

/**
 * What an order may hold. The bounds keep every amount an exact integer in JavaScript (2^53) and in
 * the database's bigint, far from any overflow, while leaving room for any real sale:
 * an order totals at most 1,000,000,000.00 €, a line counts at most 1,000,000 pieces at a unit
 * price of at most 100,000,000.00 €, VAT is at most 100 %.
 * Within them a line's net times its VAT rate (at most 10^11 * 10^4) stays below 2^53, so pricing is exact.
 */
export const ORDER_LIMITS = {
  maxLines: 500,
  maxQuantity: 1_000_000,
  /** 100,000,000.00 € */
  maxUnitPriceCents: 10_000_000_000,
  /** 100 % */
  maxVatRateBasisPoints: 10_000,
  /** 1,000,000,000.00 €, the gross total of the whole order. */
  maxOrderGrossCents: 100_000_000_000,
} as const;

/**
 * The VAT rates in force when VAT_RATES is not set, in percent (Finland, 2026): the general rate 25.5 %,
 * the reduced rates 14 % and 13.5 % (food and restaurants from 2026), 10 %, and 0 % (zero-rated sales).
 */
export const DEFAULT_VAT_RATES = '25.5,14,13.5,10,0';

/**
 * A list of VAT rates in percent (`25.5,14,0`) as basis points (`[2550, 1400, 0]`), in the order given;
 * or what is wrong with it. A rate has at most two decimals (a whole basis point) and is at most 100 %.
 */
export function parseVatRates(text: string): { rates: number[] } | { error: string } {
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.length === 0 || entries.every((entry) => entry === '')) return { error: 'name at least one VAT rate, e.g. 25.5,14,13.5,10,0' };
  const rates: number[] = [];
  for (const entry of entries) {
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(entry)) return { error: `"${entry}" is not a VAT rate in percent with at most two decimals, e.g. 25.5` };
    const basisPoints = Math.round(Number(entry) * 100);
    if (basisPoints > ORDER_LIMITS.maxVatRateBasisPoints) return { error: `${entry} % is more than 100 %` };
    if (rates.includes(basisPoints)) return { error: `${entry} % is listed twice` };
    rates.push(basisPoints);
  }
  return { rates };
}

/** A rate in basis points as people write it: 2550 is "25.5 %". */
export function vatRatePercent(basisPoints: number): string {
  return `${basisPoints / 100} %`;
}

/** A line or order that breaks a bound: `field` is named as the API names it (`lines.0.quantity`). */
export interface OrderProblem {
  field: string;
  message: string;
}

const isWhole = (n: number, min: number, max: number) => Number.isSafeInteger(n) && n >= min && n <= max;

/**
 * The first bound the lines break, or null. A line that takes the order's gross total over the
 * maximum is named by its quantity (the likeliest slip); nothing is priced beyond the bounds.
 * With `vatRatesInForce` (basis points), a line's VAT rate must be one of them, not any rate up to 100 %.
 */
export function orderLinesProblem(lines: readonly LineToPrice[], vatRatesInForce?: readonly number[]): OrderProblem | null {
  const L = ORDER_LIMITS;
  if (lines.length === 0) return { field: 'lines', message: 'An order needs at least one line.' };
  if (lines.length > L.maxLines) return { field: 'lines', message: `An order has at most ${L.maxLines} lines.` };
  let grossCents = 0;
  for (const [i, line] of lines.entries()) {
    if (!isWhole(line.quantity, 1, L.maxQuantity)) {
      return { field: `lines.${i}.quantity`, message: `The quantity must be a whole number from 1 to ${L.maxQuantity}.` };
    }
    if (!isWhole(line.unitPriceCents, 0, L.maxUnitPriceCents)) {
      return { field: `lines.${i}.unitPriceCents`, message: `The unit price must be from 0 to ${L.maxUnitPriceCents} cents.` };
    }
    if (!isWhole(line.vatRateBasisPoints, 0, L.maxVatRateBasisPoints)) {
      return { field: `lines.${i}.vatRateBasisPoints`, message: `The VAT rate must be from 0 to ${L.maxVatRateBasisPoints} basis points.` };
    }
    if (vatRatesInForce && !vatRatesInForce.includes(line.vatRateBasisPoints)) {
      return {
        field: `lines.${i}.vatRateBasisPoints`,
        message: `${vatRatePercent(line.vatRateBasisPoints)} is not a VAT rate in force. The rates in force are ${vatRatesInForce.map(vatRatePercent).join(', ')}.`,
      };
    }
    // The net alone is checked first, so that VAT is never computed on an amount beyond the bound.
    const withinNet = line.quantity * line.unitPriceCents <= L.maxOrderGrossCents;
    if (withinNet) grossCents += priceLine(line).grossCents;
    if (!withinNet || grossCents > L.maxOrderGrossCents) {
      return { field: `lines.${i}.quantity`, message: `The order would total more than ${L.maxOrderGrossCents} cents, the most an order may total.` };
    }
  }
  return null;
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
 * Exact for lines within ORDER_LIMITS (check them with `orderLinesProblem` first).
 */
export function priceLines<T extends LineToPrice>(lines: T[]): Totals & { lines: Array<T & Totals & { position: number }> } {
  const priced = lines.map((line, index) => ({ ...line, position: index + 1, ...priceLine(line) }));
  const sum = (key: keyof Totals) => priced.reduce((acc, l) => acc + l[key], 0);
  return { lines: priced, netCents: sum('netCents'), vatCents: sum('vatCents'), grossCents: sum('grossCents') };
}
