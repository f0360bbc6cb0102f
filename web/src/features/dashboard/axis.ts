/** Steps an axis of counts may take: whole numbers only, so no tick reads "0.5 customers". */
const STEPS = [1, 2, 5];

/**
 * Ticks for an axis of counts from 0 to at least `max`: whole numbers, evenly spaced, at most six,
 * never repeated (a chart of zeros gets 0 and 1). Given to the axis with the matching domain.
 */
export function integerTicks(max: number): { ticks: number[]; domain: [number, number] } {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let scale = 1; ; scale *= 10) {
    const found = STEPS.map((s) => s * scale).find((s) => Math.ceil(top / s) <= 5);
    if (found) {
      step = found;
      break;
    }
  }
  const end = Math.ceil(top / step) * step;
  const ticks = Array.from({ length: end / step + 1 }, (_, i) => i * step);
  return { ticks, domain: [0, end] };
}
