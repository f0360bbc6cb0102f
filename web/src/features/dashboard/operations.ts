import { graphql } from '../../gql';

export const StatisticsQuery = graphql(`
  query Statistics {
    statistics {
      minimumGroupSize
      customers {
        count
        fewerThan
      }
      customersBySource {
        label
        count {
          count
          fewerThan
        }
      }
      customersByCity {
        label
        count {
          count
          fewerThan
        }
      }
      newCustomersPerMonth {
        month
        folded
        count {
          count
          fewerThan
        }
      }
      orderMonths {
        month
        folded
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
