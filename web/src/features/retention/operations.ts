import { graphql } from '../../gql';

export const RetentionProposalsQuery = graphql(`
  query RetentionProposals {
    retentionProposals {
      total
      items {
        id
        customerId
        customerNumber
        lastActivityAt
        proposedAt
        status
        version
      }
    }
  }
`);

export const KeepRetentionProposalMutation = graphql(`
  mutation KeepRetentionProposal($id: UUID!, $version: Int!, $reason: String!) {
    keepRetentionProposal(id: $id, version: $version, reason: $reason) {
      id
      status
      version
    }
  }
`);

export const AcceptRetentionProposalMutation = graphql(`
  mutation AcceptRetentionProposal($id: UUID!, $version: Int!) {
    acceptRetentionProposal(id: $id, version: $version) {
      id
      status
      requestId
      version
    }
  }
`);
