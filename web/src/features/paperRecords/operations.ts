import { graphql } from '../../gql';

export const PaperRecordFields = graphql(`
  fragment PaperRecordFields on PaperRecord {
    id
    kind
    description
    location
    custodian {
      id
      displayName
    }
    customer {
      id
      customerNumber
    }
    request {
      id
      requestNumber
    }
    receivedOn
    destroyBy
    overdue
    destroyed
    destroyedAt
    destroyedBy {
      id
      displayName
    }
    destructionMethod
    destructionNote
    version
  }
`);

export const PaperRecordsQuery = graphql(`
  query PaperRecords($state: PaperRecordState, $first: Int, $after: String) {
    paperRecords(state: $state, first: $first, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PaperRecordFields
        }
      }
    }
  }
`);

export const PaperRecordCustodiansQuery = graphql(`
  query PaperRecordCustodians {
    paperRecordCustodians {
      id
      displayName
    }
  }
`);

export const RecordPaperMutation = graphql(`
  mutation RecordPaper($input: PaperRecordInputType!) {
    recordPaper(input: $input) {
      ...PaperRecordFields
    }
  }
`);

export const RecordPaperDestructionMutation = graphql(`
  mutation RecordPaperDestruction($id: UUID!, $version: Int!, $input: PaperDestructionInput!) {
    recordPaperDestruction(id: $id, version: $version, input: $input) {
      ...PaperRecordFields
    }
  }
`);
