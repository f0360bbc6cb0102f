import { graphql } from '../../gql';

export const StatisticsQuery = graphql(`
  query Statistics {
    statistics {
      minimumGroupSize
      customers
      customersBySource {
        label
        count
      }
      customersByCity {
        label
        count
      }
      newCustomersPerMonth {
        month
        count
      }
      ordersPerMonth {
        label
        orders
        revenueCents
      }
      ordersPerChannel {
        label
        orders
        revenueCents
      }
    }
  }
`);
