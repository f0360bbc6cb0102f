import { graphql } from '../../gql';

/* Issue 16: a campaign's manual exclusions (customers kept off its list by hand). */

/** The campaigns a bulk action may choose from; the form keeps those not archived. */
export const ExclusionCampaignsQuery = graphql(`
  query ExclusionCampaigns {
    campaigns {
      id
      name
      status
      channel
    }
  }
`);

export const AddCampaignExclusionsMutation = graphql(`
  mutation AddCampaignExclusions($campaignId: UUID!, $customerIds: [UUID!]!, $note: String) {
    addCampaignExclusions(campaignId: $campaignId, customerIds: $customerIds, note: $note) {
      added
      alreadyExcluded
      notFound
    }
  }
`);

export const RemoveCampaignExclusionMutation = graphql(`
  mutation RemoveCampaignExclusion($campaignId: UUID!, $customerId: UUID!) {
    removeCampaignExclusion(campaignId: $campaignId, customerId: $customerId)
  }
`);

export const CampaignManualExclusionsQuery = graphql(`
  query CampaignManualExclusions($id: UUID!, $first: Int!, $after: String, $withFirstName: Boolean!, $withLastName: Boolean!) {
    campaign(id: $id) {
      id
      manualExclusions(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            customerId
            customerNumber
            addedBy
            addedAt
            note
            customer {
              id
              firstName @include(if: $withFirstName)
              lastName @include(if: $withLastName)
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);
