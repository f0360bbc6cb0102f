import { graphql } from '../../gql';

export const ApiTokenFieldsFragment = graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    prefix
    scopes
    expiresAt
    createdAt
    createdBy
    lastUsedAt
    revokedAt
    active
  }
`);

export const PartnerFieldsFragment = graphql(`
  fragment PartnerFields on Partner {
    id
    name
    businessId
    active
    customerFields
    version
    processor {
      id
      country
      inEea
      safeguard
      necessity
      agreementDate
      agreementReference
      dpfCertified
      sccVersion
      sccSignedOn
      bcrReference
      subProcessors {
        name
        country
        activity
      }
    }
    tokens {
      ...ApiTokenFields
    }
  }
`);

export const PartnersQuery = graphql(`
  query PartnerFirms {
    partners {
      ...PartnerFields
    }
  }
`);

export const CreatePartnerMutation = graphql(`
  mutation CreatePartner($input: PartnerInput!) {
    createPartner(input: $input) {
      ...PartnerFields
    }
  }
`);

export const UpdatePartnerMutation = graphql(`
  mutation UpdatePartner($id: UUID!, $version: Int!, $input: PartnerInput!) {
    updatePartner(id: $id, version: $version, input: $input) {
      ...PartnerFields
    }
  }
`);

export const IssueApiTokenMutation = graphql(`
  mutation IssueApiToken($input: IssueApiTokenInput!) {
    issueApiToken(input: $input) {
      secret
      token {
        ...ApiTokenFields
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: UUID!) {
    revokeApiToken(id: $id) {
      ...ApiTokenFields
    }
  }
`);
