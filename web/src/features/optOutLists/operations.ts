import { graphql } from '../../gql';

export const OptOutListFieldsFragment = graphql(`
  fragment OptOutListFields on OptOutList {
    id
    name
    channel
    validFrom
    validUntil
    rowCount
    importedAt
  }
`);

export const OptOutListsQuery = graphql(`
  query OptOutLists {
    optOutLists {
      ...OptOutListFields
    }
  }
`);

/** Step one of an import: the list's details; the answer says where to send the file. */
export const StartOptOutListImportMutation = graphql(`
  mutation StartOptOutListImport($input: StartOptOutListImportInput!) {
    startOptOutListImport(input: $input) {
      id
      uploadPath
    }
  }
`);

/** How far the server has read the file (polled while it is sent). */
export const OptOutListImportProgressQuery = graphql(`
  query OptOutListImportProgress($id: UUID!) {
    optOutListImport(id: $id) {
      id
      status
      processedBytes
      totalBytes
      rowsRead
    }
  }
`);
