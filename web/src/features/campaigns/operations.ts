import { graphql } from '../../gql';

export const SegmentFieldsFragment = graphql(`
  fragment SegmentFields on Segment {
    cities
    postalCodePrefixes
    languages
    hasOrganisation
    sources
    customerSinceFrom
    customerSinceTo
    orderedSku
    orderedWithinDays
    minTotalSpendCents
    noOrderForDays
    visitedPage
    visitedWithinDays
  }
`);

export const TargetListSummaryFragment = graphql(`
  fragment TargetListSummary on TargetList {
    id
    status
    progress
    error
    includedCount
    excludedCount
    builtAt
  }
`);

export const CampaignFieldsFragment = graphql(`
  fragment CampaignFields on Campaign {
    id
    name
    purpose
    channel
    owner
    status
    createdAt
    segment {
      ...SegmentFields
    }
    honouredProhibitions {
      kind
      scope
      reason
    }
    targetList {
      ...TargetListSummary
    }
  }
`);

export const CampaignsQuery = graphql(`
  query Campaigns {
    campaigns {
      ...CampaignFields
    }
  }
`);

export const CampaignQuery = graphql(`
  query Campaign($id: UUID!) {
    campaign(id: $id) {
      ...CampaignFields
    }
  }
`);

export const CreateCampaignMutation = graphql(`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      ...CampaignFields
    }
  }
`);

export const ArchiveCampaignMutation = graphql(`
  mutation ArchiveCampaign($id: UUID!) {
    archiveCampaign(id: $id) {
      ...CampaignFields
    }
  }
`);

export const EstimateSegmentQuery = graphql(`
  query EstimateSegment($segment: SegmentInput!) {
    estimateSegment(segment: $segment) {
      count
      fewerThan
    }
  }
`);

export const BuildTargetListMutation = graphql(`
  mutation BuildTargetList($campaignId: UUID!) {
    buildTargetList(campaignId: $campaignId) {
      ...TargetListSummary
    }
  }
`);

/** Polled while the list is built; the breakdown is read once it is. */
export const TargetListQuery = graphql(`
  query TargetList($id: UUID!) {
    targetList(id: $id) {
      ...TargetListSummary
      exclusionsByReason {
        reason
        count
        fewerThan
      }
    }
  }
`);

/* Customer fields inside entries go through the normal field rules: each is asked for only when the user may read it. */

export const TargetListMembersQuery = graphql(`
  query TargetListMembers(
    $id: UUID!
    $first: Int!
    $after: String
    $withFirstName: Boolean!
    $withLastName: Boolean!
    $withEmail: Boolean!
    $withCity: Boolean!
  ) {
    targetList(id: $id) {
      id
      members(first: $first, after: $after) {
        edges {
          cursor
          node {
            customerId
            customerNumber
            customer {
              id
              firstName @include(if: $withFirstName)
              lastName @include(if: $withLastName)
              email @include(if: $withEmail)
              city @include(if: $withCity)
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

export const TargetListExclusionsQuery = graphql(`
  query TargetListExclusions($id: UUID!, $first: Int!, $after: String, $withFirstName: Boolean!, $withLastName: Boolean!) {
    targetList(id: $id) {
      id
      exclusions(first: $first, after: $after) {
        edges {
          cursor
          node {
            customerId
            customerNumber
            reasons
            prohibitedKinds
            optOutLists
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

export const ExportTargetListMutation = graphql(`
  mutation ExportTargetList($id: UUID!, $format: ExportFormat!, $language: ExportLanguage) {
    exportTargetList(id: $id, format: $format, language: $language) {
      id
      format
      language
      content
      url
      rowCount
      droppedCount {
        count
        fewerThan
      }
      droppedByReason {
        reason
        count
        fewerThan
      }
      sha256
    }
  }
`);
