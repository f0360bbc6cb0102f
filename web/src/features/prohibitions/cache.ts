import type { ApolloCache } from '@apollo/client';
import type { ProhibitionFieldsFragment } from '../../gql/graphql';

/**
 * Both mutations answer with the prohibitions in force: they replace the customer's list in the
 * cache, so the tab and the marker beside the name change at once, without reading the customer again.
 */
export function writeProhibitionsInForce(cache: ApolloCache, customerId: string, inForce: readonly ProhibitionFieldsFragment[] | undefined): void {
  if (!inForce) return;
  cache.modify({
    id: cache.identify({ __typename: 'Customer', id: customerId }),
    fields: { prohibitions: () => inForce },
  });
}
