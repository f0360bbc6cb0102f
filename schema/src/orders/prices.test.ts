import { describe, expect, it } from 'vitest';
import { priceLines } from './prices';

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
