import { graphql } from '../../gql';

export const CustomerImportFieldsFragment = graphql(`
  fragment CustomerImportFields on CustomerImport {
    id
    fileName
    sourceKind
    sourceName
    status
    rowsRead
    rowsApplied
    heldOpen
    uploadPath
    counts {
      NEW
      UPDATE
      UNCHANGED
      POSSIBLE_DUPLICATE
      REFUSED
      CONFLICT
    }
    error {
      reason
      message
    }
  }
`);

export const CustomerImportMappingQuery = graphql(`
  query CustomerImportMapping($headers: [String!]!) {
    customerImportMapping(headers: $headers) {
      customerNumber
      firstName
      lastName
      email
      phone
      street
      postalCode
      city
      country
      language
      organisation
      businessId
    }
  }
`);

export const StartCustomerImportMutation = graphql(`
  mutation StartCustomerImport($input: StartCustomerImportInput!) {
    startCustomerImport(input: $input) {
      ...CustomerImportFields
    }
  }
`);

export const ApplyCustomerImportMutation = graphql(`
  mutation ApplyCustomerImport($id: UUID!) {
    applyCustomerImport(id: $id) {
      ...CustomerImportFields
    }
  }
`);

export const CustomerImportQuery = graphql(`
  query CustomerImport($id: UUID!) {
    customerImport(id: $id) {
      ...CustomerImportFields
    }
  }
`);

export const CustomerImportRowsQuery = graphql(`
  query CustomerImportRows($importId: UUID!, $outcome: CustomerImportOutcome) {
    customerImportRows(importId: $importId, outcome: $outcome, first: 200) {
      line
      outcome
      reason
      field
      detail
      held
      values {
        customerNumber
        firstName
        lastName
        email
        phone
        city
      }
    }
  }
`);

export const HeldCustomerDuplicatesQuery = graphql(`
  query HeldCustomerDuplicates {
    heldCustomerDuplicates(first: 100) {
      importId
      line
      fileName
      sourceName
      reason
      values {
        firstName
        lastName
        email
        phone
        street
        postalCode
        city
        language
      }
      candidates {
        id
        version
        customerNumber
        firstName
        lastName
        email
        phone
        street
        postalCode
        city
        language
      }
    }
  }
`);

export const ResolveHeldDuplicateMutation = graphql(`
  mutation ResolveHeldCustomerDuplicate($input: ResolveHeldDuplicateInput!) {
    resolveHeldCustomerDuplicate(input: $input) {
      importId
      line
      resolution
      customerId
    }
  }
`);

export const CustomerForMergeQuery = graphql(`
  query CustomerForMerge($id: UUID!) {
    customer(id: $id) {
      id
      version
      customerNumber
      firstName
      lastName
      email
      phone
      street
      postalCode
      city
      country
      language
      restricted
      anonymised
    }
  }
`);

export const MergeCustomersMutation = graphql(`
  mutation MergeCustomers($input: MergeCustomersInput!) {
    mergeCustomers(input: $input) {
      id
      version
      customerNumber
    }
  }
`);
