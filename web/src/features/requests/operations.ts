import { graphql } from '../../gql';

/*
 * Service staff read where a request stands; privacy officers and admins also how it is worked.
 * Each field that not everyone may read is asked for only when the user may (`$with…`, see
 * `requestReadFlags`), so the server is never asked for a field it would refuse.
 */

/** One row of the queue. */
export const PrivacyRequestRowFragment = graphql(`
  fragment PrivacyRequestRow on PrivacyRequest {
    id
    requestNumber
    type
    status
    requesterName
    receivedAt
    dueAt
    daysLeft
    overdue
    customer {
      id
      customerNumber
      firstName @include(if: $withFirstName)
      lastName @include(if: $withLastName)
    }
    assignee @include(if: $withAssignee) {
      id
      displayName
    }
  }
`);

export const PrivacyRequestsQuery = graphql(`
  query PrivacyRequests(
    $filter: PrivacyRequestFilter
    $first: Int!
    $after: String
    $withAssignee: Boolean!
    $withFirstName: Boolean!
    $withLastName: Boolean!
  ) {
    privacyRequests(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ...PrivacyRequestRow
        }
      }
    }
  }
`);

export const OpenPrivacyRequestsByAgeQuery = graphql(`
  query OpenPrivacyRequestsByAge {
    openPrivacyRequestsByAge {
      label
      count
      overdue
    }
  }
`);

export const PrivacyOfficersQuery = graphql(`
  query PrivacyOfficers {
    privacyOfficers {
      id
      username
      displayName
    }
  }
`);

export const PrivacyDocumentFieldsFragment = graphql(`
  fragment PrivacyDocumentFields on PrivacyDocument {
    id
    kind
    language
    filename
    sha256
    byteSize
    createdAt
    addresseeKind
    addresseeName
  }
`);

export const ErasureItemFieldsFragment = graphql(`
  fragment ErasureItemFields on ErasureItem {
    id
    table
    action
    reason
    until
    rowCount
    fields
    state
    doneAt
  }
`);

export const PrivacyRequestFieldsFragment = graphql(`
  fragment PrivacyRequestFields on PrivacyRequest {
    id
    requestNumber
    type
    status
    requesterName
    requesterContact
    receivedAt
    receivedVia
    language
    signed
    dueAt
    extended
    daysLeft
    overdue
    createdAt
    updatedAt
    closedAt
    paperOriginalLocation @include(if: $withPaperOriginalLocation)
    customer {
      id
      customerNumber
      firstName @include(if: $withFirstName)
      lastName @include(if: $withLastName)
    }
    duplicateOf {
      id
      requestNumber
      status
    }
    requestedProhibitions {
      kind
      channel
    }
    identityVerified @include(if: $withIdentityVerified)
    assignee @include(if: $withAssignee) {
      id
      username
      displayName
    }
    items @include(if: $withItems) {
      id
      field
      currentValue
      proposedValue
      reason
      decision
      decisionReason
      decidedAt
    }
    notices @include(if: $withNotices) {
      id
      kind
      itemId
      field
      target
      recipient
      recipientId
      status
      statusReason
      documentId
      updatedAt
    }
    retainedVouchers @include(if: $withRetainedVouchers) {
      invoiceId
      invoiceNumber
      issuedAt
      amountCents
      buyerName
      organisation
      street
      postalCode
      city
      country
      retainedUntil
    }
    erasurePlan @include(if: $withErasurePlan) {
      ...ErasureItemFields
    }
    documents @include(if: $withDocuments) {
      ...PrivacyDocumentFields
    }
    events @include(if: $withEvents) {
      at
      kind
      fromStatus
      toStatus
      actor
      note
    }
  }
`);

export const PrivacyRequestQuery = graphql(`
  query PrivacyRequest(
    $id: UUID!
    $withIdentityVerified: Boolean!
    $withAssignee: Boolean!
    $withItems: Boolean!
    $withNotices: Boolean!
    $withErasurePlan: Boolean!
    $withDocuments: Boolean!
    $withEvents: Boolean!
    $withPaperOriginalLocation: Boolean!
    $withRetainedVouchers: Boolean!
    $withFirstName: Boolean!
    $withLastName: Boolean!
  ) {
    privacyRequest(id: $id) {
      ...PrivacyRequestFields
    }
  }
`);

export const CreatePrivacyRequestMutation = graphql(`
  mutation CreatePrivacyRequest($input: CreatePrivacyRequestInput!) {
    createPrivacyRequest(input: $input) {
      id
    }
  }
`);

/* Only privacy officers work requests; each step answers with where the request now stands, and the page reads it again whole. */

export const AssignPrivacyRequestMutation = graphql(`
  mutation AssignPrivacyRequest($id: UUID!, $userId: UUID!) {
    assignPrivacyRequest(id: $id, userId: $userId) {
      id
      status
    }
  }
`);

export const VerifyIdentityMutation = graphql(`
  mutation VerifyIdentity($id: UUID!, $input: VerifyIdentityInput!, $customerId: UUID) {
    verifyIdentity(id: $id, input: $input, customerId: $customerId) {
      id
      status
    }
  }
`);

export const ExtendPrivacyRequestMutation = graphql(`
  mutation ExtendPrivacyRequest($id: UUID!, $input: ExtendPrivacyRequestInput!) {
    extendPrivacyRequest(id: $id, input: $input) {
      id
      status
      dueAt
    }
  }
`);

export const RefusePrivacyRequestMutation = graphql(`
  mutation RefusePrivacyRequest($id: UUID!, $reason: String!) {
    refusePrivacyRequest(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export const WithdrawPrivacyRequestMutation = graphql(`
  mutation WithdrawPrivacyRequest($id: UUID!, $note: String) {
    withdrawPrivacyRequest(id: $id, note: $note) {
      id
      status
    }
  }
`);

/** P14: the package's documents; their content is downloaded from `/documents/{id}`, not carried here. */
export const FulfilAccessRequestMutation = graphql(`
  mutation FulfilAccessRequest($id: UUID!) {
    fulfilAccessRequest(id: $id) {
      jsonDocument {
        ...PrivacyDocumentFields
      }
      htmlDocument {
        ...PrivacyDocumentFields
      }
      request {
        id
        status
      }
    }
  }
`);

export const DecideRectificationMutation = graphql(`
  mutation DecideRectification($id: UUID!, $decisions: [RectificationDecisionInput!]!) {
    decideRectification(id: $id, decisions: $decisions) {
      id
      status
    }
  }
`);

export const SetRectificationNoticeStatusMutation = graphql(`
  mutation SetRectificationNoticeStatus($id: UUID!, $status: NoticeStatus!, $reason: String) {
    setRectificationNoticeStatus(id: $id, status: $status, reason: $reason) {
      id
      status
      statusReason
      updatedAt
    }
  }
`);

export const PlanErasureMutation = graphql(`
  mutation PlanErasure($id: UUID!) {
    planErasure(id: $id) {
      items {
        ...ErasureItemFields
      }
      request {
        id
        status
      }
    }
  }
`);

export const ExecuteErasureMutation = graphql(`
  mutation ExecuteErasure($id: UUID!) {
    executeErasure(id: $id) {
      items {
        ...ErasureItemFields
      }
      request {
        id
        status
      }
    }
  }
`);

export const LiftRestrictionMutation = graphql(`
  mutation LiftRestriction($customerId: UUID!, $note: String!) {
    liftRestriction(customerId: $customerId, note: $note)
  }
`);
