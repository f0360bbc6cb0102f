import { K_ANONYMITY } from '../../auth/authorize';

/** The label of the folded small groups. */
export const OTHER = 'OTHER';

export interface Group {
  label: string;
  /** Distinct people in the group. */
  people: number;
}

export interface FoldedGroups<T> {
  /** The groups shown on their own, each of at least K people. */
  shown: T[];
  /** The groups folded into OTHER. */
  folded: T[];
  /** The distinct people of the folded groups: 0, or at least K unless everything is folded. */
  otherPeople: number;
}

const sum = (groups: readonly Group[]) => groups.reduce((n, g) => n + g.people, 0);

/**
 * P2: which groups show on their own. A group of fewer than K people is folded into OTHER, and so
 * are the groups past `keep` (the largest are kept). OTHER itself must hold nobody or at least K
 * people, or the total less the shown groups would give its size away: while it holds fewer, the
 * smallest shown group is folded too (secondary suppression). Only when every group is folded
 * can OTHER stay under K, and then it is told only as "fewer than K".
 *
 * `eachHoldsSomeone`: the reader knows every folded group holds somebody, because the empty groups
 * are told as zero (the months of new customers). Then OTHER must be large enough that any one
 * folded group could still hold K people or more, as far as OTHER tells (`mostInOneFolded`): five
 * folded months and OTHER of five would say each month had exactly one.
 *
 * `peopleOf` answers the distinct people of some folded groups; the default sums them, which is
 * right for groups that share nobody (a customer has one source and one city). Shown groups keep
 * their given order, or the largest first when capped by `keep`.
 */
export async function foldSmallGroups<T extends Group>(
  groups: readonly T[],
  options: { keep?: number; peopleOf?: (folded: T[]) => Promise<number>; eachHoldsSomeone?: boolean } = {},
): Promise<FoldedGroups<T>> {
  const keep = options.keep ?? Number.POSITIVE_INFINITY;
  const peopleOf = options.peopleOf ?? (async (folded: T[]) => sum(folded));
  const bySize = [...groups].sort((a, b) => b.people - a.people);
  const shown: T[] = [];
  const folded: T[] = [];
  for (const group of bySize) (group.people >= K_ANONYMITY && shown.length < keep ? shown : folded).push(group);
  let otherPeople = folded.length > 0 ? await peopleOf(folded) : 0;
  const room = (people: number) => (options.eachHoldsSomeone ? mostInOneFolded(people, folded.length) : people);
  while (otherPeople > 0 && room(otherPeople) < K_ANONYMITY && shown.length > 0) {
    folded.push(shown.pop() as T);
    otherPeople = await peopleOf(folded);
  }
  if (keep === Number.POSITIVE_INFINITY) {
    const position = new Map(groups.map((g, i) => [g, i]));
    shown.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  }
  return { shown, folded, otherPeople };
}

/**
 * The most people any one of `groups` disjoint folded groups can hold when together they hold
 * `people` and each holds at least one: what OTHER lets a reader work out about a folded group.
 */
export function mostInOneFolded(people: number, groups: number): number {
  return people - Math.max(0, groups - 1);
}

/**
 * The distinct people of groups that may share people (orders of one person in two months),
 * asking `count` only when the sizes cannot tell: fewer than K in all is under K however they
 * overlap, and one group of K or more makes the union at least K. The answer is exact only
 * below K or when counted; callers use it to decide, never to show.
 */
export function overlappingPeople<T extends Group>(count: (folded: T[]) => Promise<number>): (folded: T[]) => Promise<number> {
  return async (folded) => {
    const total = sum(folded);
    if (total < K_ANONYMITY) return total;
    const largest = Math.max(...folded.map((g) => g.people));
    if (largest >= K_ANONYMITY) return largest;
    return count(folded);
  };
}
