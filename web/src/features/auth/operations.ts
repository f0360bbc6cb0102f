import { graphql } from '../../gql';

export const MeFieldsFragment = graphql(`
  fragment MeFields on Me {
    mustChangePassword
    confidentialityAccepted
    confidentialityVersion
    sessionIdleSeconds
    roles
    rules
    user {
      id
      username
      displayName
      partner {
        id
        name
      }
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      ...MeFields
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      ...MeFields
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

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
