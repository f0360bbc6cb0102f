import { graphql } from '../../gql';

export const RecipientFieldsFragment = graphql(`
  fragment RecipientFields on Recipient {
    id
    name
    kind
    country
    inEea
    bases
    safeguard
    necessity
    active
    language
    contactEmail
    postalAddress
    agreementDate
    agreementReference
    subProcessors {
      name
      country
      activity
    }
    dataFields
    dpfCertified
    sccVersion
    sccSignedOn
    bcrReference
    partnerId
    version
    createdAt
    updatedAt
  }
`);

export const RecipientsQuery = graphql(`
  query Recipients($includeInactive: Boolean!) {
    recipients(includeInactive: $includeInactive) {
      ...RecipientFields
    }
  }
`);

export const CreateRecipientMutation = graphql(`
  mutation CreateRecipient($input: RecipientInput!) {
    createRecipient(input: $input) {
      ...RecipientFields
    }
  }
`);

export const UpdateRecipientMutation = graphql(`
  mutation UpdateRecipient($id: UUID!, $version: Int!, $input: RecipientInput!) {
    updateRecipient(id: $id, version: $version, input: $input) {
      ...RecipientFields
    }
  }
`);
