import { graphql } from '../../gql';

/*
 * Every personal field is asked for only when the user's ability lets them read it
 * (`@include(if: $with…)`, see `customerSelection`), so the server is never asked for a field
 * it would refuse, and the consultation log records only what was really shown.
 */

export const CustomerListQuery = graphql(`
  query CustomerList(
    $search: String
    $filter: CustomerFilter
    $orderBy: CustomerOrder!
    $first: Int!
    $after: String
    $before: String
    $withFirstName: Boolean!
    $withLastName: Boolean!
    $withOrganisation: Boolean!
    $withEmail: Boolean!
    $withCity: Boolean!
    $withState: Boolean!
    $withCount: Boolean!
  ) {
    customers(search: $search, filter: $filter, orderBy: $orderBy, first: $first, after: $after, before: $before) {
      totalCount @include(if: $withCount)
      totalCountCapped @include(if: $withCount)
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          customerNumber
          firstName @include(if: $withFirstName)
          lastName @include(if: $withLastName)
          organisation @include(if: $withOrganisation) {
            id
            name
          }
          email @include(if: $withEmail)
          city @include(if: $withCity)
          anonymised @include(if: $withState)
          createdAt
        }
      }
    }
  }
`);

export const CustomerFieldsFragment = graphql(`
  fragment CustomerFields on Customer {
    id
    customerNumber
    version
    createdAt
    updatedAt
    firstName @include(if: $withFirstName)
    lastName @include(if: $withLastName)
    organisation @include(if: $withOrganisation) {
      id
      name
      businessId
    }
    email @include(if: $withEmail)
    phone @include(if: $withPhone)
    street @include(if: $withStreet)
    postalCode @include(if: $withPostalCode)
    city @include(if: $withCity)
    country @include(if: $withCountry)
    language @include(if: $withLanguage)
    partner @include(if: $withPartner) {
      id
      name
    }
    source @include(if: $withSource)
    provenance @include(if: $withProvenance) {
      field
      source
      detail
      recordedAt
      recordedBy
    }
    prohibitions @include(if: $withProhibitions) {
      ...ProhibitionFields
    }
    restricted @include(if: $withState)
    pendingErasure @include(if: $withState)
    anonymised @include(if: $withState)
    mergedInto @include(if: $withState) {
      id
      customerNumber
    }
  }
`);

export const CustomerQuery = graphql(`
  query Customer(
    $id: UUID!
    $withFirstName: Boolean!
    $withLastName: Boolean!
    $withOrganisation: Boolean!
    $withEmail: Boolean!
    $withPhone: Boolean!
    $withStreet: Boolean!
    $withPostalCode: Boolean!
    $withCity: Boolean!
    $withCountry: Boolean!
    $withLanguage: Boolean!
    $withPartner: Boolean!
    $withSource: Boolean!
    $withProvenance: Boolean!
    $withProhibitions: Boolean!
    $withState: Boolean!
  ) {
    customer(id: $id) {
      ...CustomerFields
    }
  }
`);

export const UpdateCustomerMutation = graphql(`
  mutation UpdateCustomer(
    $id: UUID!
    $version: Int!
    $input: UpdateCustomerInput!
    $confirmDuplicates: Boolean!
    $withFirstName: Boolean!
    $withLastName: Boolean!
    $withOrganisation: Boolean!
    $withEmail: Boolean!
    $withPhone: Boolean!
    $withStreet: Boolean!
    $withPostalCode: Boolean!
    $withCity: Boolean!
    $withCountry: Boolean!
    $withLanguage: Boolean!
    $withPartner: Boolean!
    $withSource: Boolean!
    $withProvenance: Boolean!
    $withProhibitions: Boolean!
    $withState: Boolean!
  ) {
    updateCustomer(id: $id, version: $version, input: $input, confirmDuplicates: $confirmDuplicates) {
      ...CustomerFields
    }
  }
`);

export const CreateCustomerMutation = graphql(`
  mutation CreateCustomer($input: CreateCustomerInput!, $source: ProvenanceInput, $confirmDuplicates: Boolean!) {
    createCustomer(input: $input, source: $source, confirmDuplicates: $confirmDuplicates) {
      id
    }
  }
`);

/** The customers a POSSIBLE_DUPLICATE answer points at, with the fields the user may read. */
export const PossibleDuplicatesQuery = graphql(`
  query PossibleDuplicates(
    $email: String
    $phone: String
    $excludeId: UUID
    $withFirstName: Boolean!
    $withLastName: Boolean!
    $withEmail: Boolean!
    $withPhone: Boolean!
    $withCity: Boolean!
  ) {
    possibleDuplicates(email: $email, phone: $phone, excludeId: $excludeId) {
      id
      customerNumber
      firstName @include(if: $withFirstName)
      lastName @include(if: $withLastName)
      email @include(if: $withEmail)
      phone @include(if: $withPhone)
      city @include(if: $withCity)
    }
  }
`);

export const PartnersQuery = graphql(`
  query Partners {
    partners {
      id
      name
    }
  }
`);
