import { graphql } from '../../gql';

export const OutboxMessageFields = graphql(`
  fragment OutboxMessageFields on OutboxMessage {
    id
    requestId
    requestNumber
    documentId
    documentKind
    answer
    subject
    language
    addresseeKind
    addresseeName
    addresseeEmail
    addresseeAddress
    attachments {
      documentId
      filename
      kind
    }
    status
    holdReason
    channel
    attempts
    lastError
    lastAttemptAt
    sentAt
    sentTo
    sentBy
    note
    version
    createdAt
    writtenOn
    latestSentOn
  }
`);

export const OutboxMessagesQuery = graphql(`
  query OutboxMessages($filter: OutboxFilter, $first: Int!, $after: String) {
    outboxMessages(filter: $filter, first: $first, after: $after) {
      totalCount
      counts {
        status
        count
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...OutboxMessageFields
        }
      }
    }
  }
`);

export const RetryOutboxMessageMutation = graphql(`
  mutation RetryOutboxMessage($id: UUID!, $version: Int!) {
    retryOutboxMessage(id: $id, version: $version) {
      ...OutboxMessageFields
    }
  }
`);

export const MarkOutboxMessageSentMutation = graphql(`
  mutation MarkOutboxMessageSent($id: UUID!, $version: Int!, $input: ManualDeliveryInput!) {
    markOutboxMessageSent(id: $id, version: $version, input: $input) {
      ...OutboxMessageFields
    }
  }
`);
