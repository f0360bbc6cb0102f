import { graphql } from '../../gql';

export const AuditEventsQuery = graphql(`
  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter, $withCustomer: Boolean!) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          at
          action
          actorUsername
          customerId
          customerCount
          customer @include(if: $withCustomer) {
            id
            customerNumber
            firstName
            lastName
          }
          targetUserId
          fields
          changes
          detail
          purpose
        }
      }
    }
  }
`);
