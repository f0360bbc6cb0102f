import { graphql } from '../../gql';

/** The privacy officer's queue: overdue requests counted exactly, and the open ones by days left (overdue first). */
export const RequestWorkQuery = graphql(`
  query RequestWork {
    overdue: privacyRequests(filter: { overdue: true }, first: 1) {
      totalCount
    }
    open: privacyRequests(filter: { open: true }, first: 100) {
      edges {
        node {
          id
          daysLeft
        }
      }
    }
  }
`);

export const CampaignWorkQuery = graphql(`
  query CampaignWork {
    campaigns {
      id
      targetList {
        id
        status
      }
    }
  }
`);

export const UserWorkQuery = graphql(`
  query UserWork {
    users {
      id
      active
      mustChangePassword
      confidentialityAcceptedVersion
    }
  }
`);

/** Sales and service: the possible duplicates that applied customer imports hold for a person to decide. */
export const HeldDuplicateWorkQuery = graphql(`
  query HeldDuplicateWork {
    heldCustomerDuplicates(first: 100) {
      importId
      line
    }
  }
`);
