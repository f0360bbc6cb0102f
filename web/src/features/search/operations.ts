import { graphql } from '../../gql';

/**
 * Issue 16: the header's search. Every personal field is asked for only when the user may read it
 * (`@include(if: $with…)`): marketing is never sent a phone, nor searches by one (the server looks
 * only in fields the user may read).
 */
export const GlobalSearchQuery = graphql(`
  query GlobalSearch(
    $search: String!
    $first: Int!
    $withFirstName: Boolean!
    $withLastName: Boolean!
    $withOrganisation: Boolean!
    $withEmail: Boolean!
    $withPhone: Boolean!
    $withCity: Boolean!
  ) {
    customers(search: $search, first: $first) {
      totalCount
      totalCountCapped
      edges {
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
          phone @include(if: $withPhone)
          city @include(if: $withCity)
        }
      }
    }
  }
`);
