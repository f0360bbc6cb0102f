import { graphql } from '../../gql';

export const ComplianceReportQuery = graphql(`
  query ComplianceReport {
    complianceReport {
      generatedAt
      commit
      runs {
        name
        startedAt
        passed
        failed
      }
      summary {
        proven
        notProven
        failing
      }
      promises {
        id
        promise
        requirement
        status
        modules
        tests {
          file
          name
          outcome
          runs {
            run
            outcome
          }
        }
      }
      unknownTags {
        id
        file
        name
      }
    }
  }
`);
