import { graphql } from '../../gql';

/** Issue 16: the list as a CSV (the search and filter, or the selection); the server decides the columns and audits it. */
export const ExportCustomersMutation = graphql(`
  mutation ExportCustomers($input: CustomerExportInput!) {
    exportCustomers(input: $input) {
      filename
      content
      rowCount
      fields
      restrictedLeftOut
    }
  }
`);
