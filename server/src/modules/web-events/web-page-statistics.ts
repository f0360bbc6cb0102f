import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { K_ANONYMITY, kAnonymous, requireRight } from '../../auth/authorize';
import { foldSmallGroups, OTHER, overlappingPeople, type Group } from '../statistics/k-anonymous-groups';
import { pageGroups, visitorsOfPages } from './web-events.repository';
import type { PageBucket, WebPageStatistics } from './web-events.model';

interface PageGroup extends Group {
  views: number;
  totalMs: number;
}

/** How many pages show by name; the rest are OTHER. */
const PAGES = 20;

/**
 * P2, P13: page statistics of the site, aggregates only, of visitors who consented to analytics, over the
 * retention period. A page of fewer than K visitors is folded into OTHER (and OTHER itself holds nobody or
 * at least K, or the smallest shown page joins it); a group under K tells neither its views nor its time.
 */
export class WebPageStatisticsService {
  constructor(
    private readonly db: DataSource,
    private readonly keptSince: () => Promise<Date>,
  ) {}

  async statistics(actor: Actor): Promise<WebPageStatistics> {
    requireRight(actor, 'read', 'Statistics', 'You may not read statistics.');
    const since = await this.keptSince();
    const groups: PageGroup[] = (await pageGroups(this.db, since)).map((r) => ({
      label: r.label,
      people: r.people,
      views: r.views,
      totalMs: Number(r.total_ms),
    }));
    // One visitor views many pages: OTHER's visitors are counted distinct.
    const peopleOf = overlappingPeople<PageGroup>((folded) =>
      visitorsOfPages(
        this.db,
        since,
        folded.map((g) => g.label),
      ),
    );
    const { shown, folded, otherPeople } = await foldSmallGroups(groups, { keep: PAGES, peopleOf });
    const pages: PageBucket[] = shown.map((g) => bucket(g.label, g.people, g.views, g.totalMs));
    if (folded.length > 0) {
      const views = folded.reduce((n, g) => n + g.views, 0);
      const totalMs = folded.reduce((n, g) => n + g.totalMs, 0);
      pages.push(bucket(OTHER, otherPeople, views, totalMs));
    }
    return { minimumGroupSize: K_ANONYMITY, since, pages };
  }
}

function bucket(page: string, people: number, views: number, totalMs: number): PageBucket {
  const told = people >= K_ANONYMITY;
  return {
    page,
    visitors: kAnonymous(people),
    views: told ? views : null,
    averageSeconds: told && views > 0 ? Math.round(totalMs / views / 1000) : null,
  };
}
