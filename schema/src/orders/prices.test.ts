import { describe, expect, it } from 'vitest';
import { ORDER_LIMITS, orderLinesProblem, priceLines } from './prices';

describe('order totals', () => {
  it('[P1] sums lines in cents with VAT rounded half up per line', () => {
    const totals = priceLines([
      { sku: 'A', name: 'Kahvi', quantity: 3, unitPriceCents: 499, vatRateBasisPoints: 1400 },
      { sku: 'B', name: 'Muki', quantity: 1, unitPriceCents: 1290, vatRateBasisPoints: 2550 },
    ]);
    // 1497 net at 14 % = 209.58 -> 210; 1290 at 25.5 % = 328.95 -> 329
    expect(totals.lines.map((l) => [l.position, l.netCents, l.vatCents, l.grossCents])).toEqual([
      [1, 1497, 210, 1707],
      [2, 1290, 329, 1619],
    ]);
    expect(totals).toMatchObject({ netCents: 2787, vatCents: 539, grossCents: 3326 });
  });

  it('handles a zero rate and a free line', () => {
    const totals = priceLines([{ sku: 'C', name: 'Lahja', quantity: 2, unitPriceCents: 0, vatRateBasisPoints: 0 }]);
    expect(totals).toMatchObject({ netCents: 0, vatCents: 0, grossCents: 0 });
  });
});

describe('order bounds', () => {
  const line = { quantity: 1, unitPriceCents: 1000, vatRateBasisPoints: 2550 };

  it('[P1] refuses 1,000 x 1,000,000.00 €: the gross total is over 1,000,000,000.00 €, named at the quantity', () => {
    expect(orderLinesProblem([{ ...line, quantity: 1000, unitPriceCents: 100_000_000 }])?.field).toBe('lines.0.quantity');
  });

  it('names the line that takes the order over the total, and each bound of a line', () => {
    expect(
      orderLinesProblem([line, { ...line, quantity: 1000, unitPriceCents: 60_000_000 }, { ...line, quantity: 1000, unitPriceCents: 30_000_000 }])?.field,
    ).toBe('lines.2.quantity');
    expect(orderLinesProblem([line, { ...line, quantity: 1_000_001 }])?.field).toBe('lines.1.quantity');
    expect(orderLinesProblem([{ ...line, quantity: 0 }])?.field).toBe('lines.0.quantity');
    expect(orderLinesProblem([{ ...line, quantity: 1.5 }])?.field).toBe('lines.0.quantity');
    expect(orderLinesProblem([{ ...line, unitPriceCents: ORDER_LIMITS.maxUnitPriceCents + 1 }])?.field).toBe('lines.0.unitPriceCents');
    expect(orderLinesProblem([{ ...line, unitPriceCents: -1 }])?.field).toBe('lines.0.unitPriceCents');
    expect(orderLinesProblem([{ ...line, vatRateBasisPoints: 10_001 }])?.field).toBe('lines.0.vatRateBasisPoints');
    expect(orderLinesProblem([])?.field).toBe('lines');
  });

  it('accepts an order of exactly the maximum total, priced exactly', () => {
    const lines = [{ quantity: 1_000_000, unitPriceCents: 100_000, vatRateBasisPoints: 0 }];
    expect(orderLinesProblem(lines)).toBeNull();
    expect(priceLines(lines).grossCents).toBe(ORDER_LIMITS.maxOrderGrossCents);
    expect(orderLinesProblem([{ ...lines[0], vatRateBasisPoints: 1 }])?.field).toBe('lines.0.quantity');
  });

  it('prices a total above 2^31 - 1 cents exactly', () => {
    const totals = priceLines([{ quantity: 100, unitPriceCents: 50_000_000, vatRateBasisPoints: 2550 }]);
    expect(totals).toMatchObject({ netCents: 5_000_000_000, vatCents: 1_275_000_000, grossCents: 6_275_000_000 });
  });
});
