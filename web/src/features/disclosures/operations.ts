import { graphql } from '../../gql';

/** P8: the ledger names the fields disclosed, never their values. */
export const DisclosureFieldsFragment = graphql(`
  fragment DisclosureFields on Disclosure {
    id
    disclosedAt
    disclosedBy
    basis
    fields
    note
    recipient {
      id
      name
      country
    }
  }
`);

export const DisclosuresQuery = graphql(`
  query Disclosures($customerId: UUID!) {
    disclosures(customerId: $customerId) {
      ...DisclosureFields
    }
  }
`);

/** The ledger entry is asked for only by those who may read the ledger. */
export const DiscloseCustomerDataMutation = graphql(`
  mutation DiscloseCustomerData($input: DiscloseInput!, $withLedger: Boolean!) {
    discloseCustomerData(input: $input) {
      data
      disclosure @include(if: $withLedger) {
        ...DisclosureFields
      }
    }
  }
`);
