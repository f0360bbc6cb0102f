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

export const ImportOptOutListMutation = graphql(`
  mutation ImportOptOutList($input: ImportOptOutListInput!) {
    importOptOutList(input: $input) {
      ...OptOutListFields
    }
  }
`);
