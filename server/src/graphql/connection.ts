import { Field, Int, ObjectType } from 'type-graphql';
import type { PageInfoShape } from '../db/paging';

/** The GraphQL shape of a page; services build pages with `db/paging.ts`. */
@ObjectType({ simpleResolvers: true })
export class PageInfo implements PageInfoShape {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export { MAX_PAGE_SIZE } from '../db/paging';
export { COUNT_CAP, type CappedCount } from '../db/capped-count';
export { Int };
