import { graphql } from '../../gql';

export const UserFieldsFragment = graphql(`
  fragment UserFields on User {
    id
    username
    displayName
    roles
    active
    mustChangePassword
    partner {
      id
      name
    }
  }
`);

export const UsersQuery = graphql(`
  query Users {
    users {
      ...UserFields
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      initialPassword
      user {
        ...UserFields
      }
    }
  }
`);

export const SetUserRolesMutation = graphql(`
  mutation SetUserRoles($id: UUID!, $roles: [Role!]!) {
    setUserRoles(id: $id, roles: $roles) {
      ...UserFields
    }
  }
`);

export const DeactivateUserMutation = graphql(`
  mutation DeactivateUser($id: UUID!) {
    deactivateUser(id: $id) {
      ...UserFields
    }
  }
`);

export const AssignUserPartnerMutation = graphql(`
  mutation AssignUserPartner($id: UUID!, $partnerId: UUID!) {
    assignUserPartner(id: $id, partnerId: $partnerId) {
      ...UserFields
    }
  }
`);
