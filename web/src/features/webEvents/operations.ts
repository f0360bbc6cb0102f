import { graphql } from '../../gql';

export const CustomerWebActivityQuery = graphql(`
  query CustomerWebActivity($customerId: UUID!) {
    customerWebActivity(customerId: $customerId) {
      consents {
        categories
        noticeVersion
        givenAt
        withdrawnAt
        linkedAt
      }
      events {
        id
        occurredAt
        page
        durationSeconds
        ipAddress
        userAgent
      }
      forms {
        id
        form
        message
        submittedAt
        matched
      }
    }
  }
`);

export const WebPageStatisticsQuery = graphql(`
  query WebPageStatistics {
    webPageStatistics {
      minimumGroupSize
      since
      pages {
        page
        visitors {
          count
          fewerThan
        }
        views
        averageSeconds
      }
    }
  }
`);
