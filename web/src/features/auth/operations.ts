import { graphql } from '../../gql';

/** The fragment and the operations of the sign-in page are in `session.graphql` (sent before Apollo Client loads). */
export { MeDocument as MeQuery, LogoutDocument as LogoutMutation } from '../../gql/graphql';

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      ...MeFields
    }
  }
`);

export const AcceptConfidentialityMutation = graphql(`
  mutation AcceptConfidentiality($version: String!) {
    acceptConfidentiality(version: $version) {
      ...MeFields
    }
  }
`);
