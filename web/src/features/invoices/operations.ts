import { graphql } from '../../gql';

export const InvoiceFieldsFragment = graphql(`
  fragment InvoiceFields on Invoice {
    id
    invoiceNumber
    issuedAt
    dueAt
    amountCents
    status
    paidAt
    collectionAgency
    version
  }
`);

export const CustomerInvoicesQuery = graphql(`
  query CustomerInvoices($id: UUID!, $first: Int!, $after: String) {
    customer(id: $id) {
      id
      restricted
      invoices(first: $first, after: $after) {
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          node {
            ...InvoiceFields
            order {
              id
              orderNumber
              archived
            }
          }
        }
      }
    }
  }
`);

export const CreateInvoiceMutation = graphql(`
  mutation CreateInvoice($input: CreateInvoiceInput!) {
    createInvoice(input: $input) {
      ...InvoiceFields
    }
  }
`);

export const UpdateInvoiceMutation = graphql(`
  mutation UpdateInvoice($id: UUID!, $version: Int!, $input: UpdateInvoiceInput!) {
    updateInvoice(id: $id, version: $version, input: $input) {
      ...InvoiceFields
    }
  }
`);
