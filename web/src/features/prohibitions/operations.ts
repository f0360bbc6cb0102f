import { graphql } from '../../gql';

/** A prohibition in force, or one entry of the ledger. */
export const ProhibitionFieldsFragment = graphql(`
  fragment ProhibitionFields on Prohibition {
    kind
    channel
    via
    note
    recordedAt
    recordedBy
  }
`);

/** The ledger, newest first: every SET and LIFT, never rewritten. */
export const ProhibitionHistoryQuery = graphql(`
  query ProhibitionHistory($customerId: UUID!) {
    prohibitionHistory(customerId: $customerId) {
      action
      ...ProhibitionFields
    }
  }
`);

export const RecordProhibitionMutation = graphql(`
  mutation RecordProhibition($customerId: UUID!, $input: ProhibitionInput!) {
    recordProhibition(customerId: $customerId, input: $input) {
      ...ProhibitionFields
    }
  }
`);

export const LiftProhibitionMutation = graphql(`
  mutation LiftProhibition($customerId: UUID!, $input: ProhibitionInput!) {
    liftProhibition(customerId: $customerId, input: $input) {
      ...ProhibitionFields
    }
  }
`);
