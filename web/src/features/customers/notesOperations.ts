import { graphql } from '../../gql';

/** Issue 16: a customer's notes and timeline. */
export const CustomerTimelineQuery = graphql(`
  query CustomerTimeline($customerId: UUID!, $first: Int, $after: String) {
    customerTimeline(customerId: $customerId, first: $first, after: $after) {
      edges {
        cursor
        node {
          at
          kind
          summary
          detail
          extra
          linkId
          note {
            id
            kind
            channel
            text
            authorName
            mine
            version
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AddCustomerNoteMutation = graphql(`
  mutation AddCustomerNote($input: AddCustomerNoteInput!) {
    addCustomerNote(input: $input) {
      id
      version
    }
  }
`);

export const DeleteCustomerNoteMutation = graphql(`
  mutation DeleteCustomerNote($id: UUID!, $version: Int!) {
    deleteCustomerNote(id: $id, version: $version)
  }
`);

export const UpdateCustomerNoteMutation = graphql(`
  mutation UpdateCustomerNote($id: UUID!, $version: Int!, $text: String!) {
    updateCustomerNote(id: $id, version: $version, text: $text) {
      id
      text
      version
    }
  }
`);
