import { graphql } from '../../gql';

export const AuditEventsQuery = graphql(`
  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
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
          targetUserId
          fields
          purpose
        }
      }
    }
  }
`);
