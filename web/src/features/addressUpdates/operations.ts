import { graphql } from '../../gql';

export const AddressUpdateImportFieldsFragment = graphql(`
  fragment AddressUpdateImportFields on AddressUpdateImport {
    id
    fileName
    fileDate
    status
    rowsRead
    rowsToApply
    rowsApplied
    uploadPath
    reportPath
    counts {
      UPDATE
      UNCHANGED
      NOT_FOUND
      AMBIGUOUS
      BLOCKED
      INVALID
      CONFLICT
    }
  }
`);

/** Step one: the file's name and date; the answer says where to PUT the file (the dry run). */
export const ImportAddressUpdatesMutation = graphql(`
  mutation ImportAddressUpdates($input: StartAddressUpdateImportInput!) {
    importAddressUpdates(input: $input) {
      ...AddressUpdateImportFields
    }
  }
`);

export const ApplyAddressUpdatesMutation = graphql(`
  mutation ApplyAddressUpdates($id: UUID!) {
    applyAddressUpdates(id: $id) {
      ...AddressUpdateImportFields
    }
  }
`);

export const AddressUpdateImportQuery = graphql(`
  query AddressUpdateImport($id: UUID!) {
    addressUpdateImport(id: $id) {
      ...AddressUpdateImportFields
    }
  }
`);

export const AddressUpdateRowsQuery = graphql(`
  query AddressUpdateRows($importId: UUID!, $outcome: AddressUpdateOutcome) {
    addressUpdateRows(importId: $importId, outcome: $outcome, first: 100) {
      line
      outcome
      reason
      detail
      customerNumber
      firstName
      lastName
      newStreet
      newPostalCode
      newCity
    }
  }
`);
