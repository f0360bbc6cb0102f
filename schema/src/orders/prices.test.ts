import { describe, expect, it } from 'vitest';
import { DEFAULT_VAT_RATES, ORDER_LIMITS, orderLinesProblem, parseVatRates, priceLines } from './prices';

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

describe('VAT rates in force', () => {
  const line = { quantity: 1, unitPriceCents: 1000, vatRateBasisPoints: 2550 };

  it('[P1] reads the configured rates in percent as basis points, and refuses a list that is not one', () => {
    expect(parseVatRates(DEFAULT_VAT_RATES)).toEqual({ rates: [2550, 1400, 1350, 1000, 0] });
    expect(parseVatRates(' 24 , 0 ')).toEqual({ rates: [2400, 0] });
    for (const bad of ['', ' , ', '25.5,', '25.555', '-1', '101', '14,14', '24%', 'abc']) expect(parseVatRates(bad), bad).toHaveProperty('error');
  });

  it('[P1] a VAT rate not in force is refused at the line, naming the rates in force', () => {
    const rates = [2550, 1400, 1350, 1000, 0];
    expect(orderLinesProblem([line, { ...line, vatRateBasisPoints: 1350 }], rates)).toBeNull();
    const problem = orderLinesProblem([line, { ...line, vatRateBasisPoints: 2400 }], rates);
    expect(problem?.field).toBe('lines.1.vatRateBasisPoints');
    expect(problem?.message).toBe('24 % is not a VAT rate in force. The rates in force are 25.5 %, 14 %, 13.5 %, 10 %, 0 %.');
    // Without a list, only the bound holds (a rate up to 100 %).
    expect(orderLinesProblem([{ ...line, vatRateBasisPoints: 2400 }])).toBeNull();
  });
});
