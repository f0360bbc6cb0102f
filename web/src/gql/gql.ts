/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          actorUsername\n          customerId\n          targetUserId\n          fields\n          purpose\n        }\n      }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  fragment MeFields on Me {\n    mustChangePassword\n    confidentialityAccepted\n    confidentialityVersion\n    roles\n    rules\n    user {\n      id\n      username\n      displayName\n      partner {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MeFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...MeFields\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ...MeFields\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation AcceptConfidentiality($version: String!) {\n    acceptConfidentiality(version: $version) {\n      ...MeFields\n    }\n  }\n": typeof types.AcceptConfidentialityDocument,
    "\n  fragment SegmentFields on Segment {\n    cities\n    postalCodePrefixes\n    languages\n    hasOrganisation\n    sources\n    customerSinceFrom\n    customerSinceTo\n    orderedSku\n    orderedWithinDays\n    minTotalSpendCents\n    noOrderForDays\n  }\n": typeof types.SegmentFieldsFragmentDoc,
    "\n  fragment TargetListSummary on TargetList {\n    id\n    status\n    progress\n    error\n    includedCount\n    excludedCount\n    builtAt\n  }\n": typeof types.TargetListSummaryFragmentDoc,
    "\n  fragment CampaignFields on Campaign {\n    id\n    name\n    purpose\n    channel\n    owner\n    status\n    createdAt\n    segment {\n      ...SegmentFields\n    }\n    targetList {\n      ...TargetListSummary\n    }\n  }\n": typeof types.CampaignFieldsFragmentDoc,
    "\n  query Campaigns {\n    campaigns {\n      ...CampaignFields\n    }\n  }\n": typeof types.CampaignsDocument,
    "\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n": typeof types.CampaignDocument,
    "\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignFields\n    }\n  }\n": typeof types.CreateCampaignDocument,
    "\n  mutation ArchiveCampaign($id: ID!) {\n    archiveCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n": typeof types.ArchiveCampaignDocument,
    "\n  query EstimateSegment($segment: SegmentInput!) {\n    estimateSegment(segment: $segment) {\n      matching\n    }\n  }\n": typeof types.EstimateSegmentDocument,
    "\n  mutation BuildTargetList($campaignId: ID!) {\n    buildTargetList(campaignId: $campaignId) {\n      ...TargetListSummary\n    }\n  }\n": typeof types.BuildTargetListDocument,
    "\n  query TargetList($id: ID!) {\n    targetList(id: $id) {\n      ...TargetListSummary\n      exclusionsByReason {\n        reason\n        count\n      }\n    }\n  }\n": typeof types.TargetListDocument,
    "\n  query TargetListMembers(\n    $id: ID!\n    $first: Int!\n    $after: String\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withEmail: Boolean!\n    $withCity: Boolean!\n  ) {\n    targetList(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            customerId\n            customerNumber\n            customer {\n              id\n              firstName @include(if: $withFirstName)\n              lastName @include(if: $withLastName)\n              email @include(if: $withEmail)\n              city @include(if: $withCity)\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.TargetListMembersDocument,
    "\n  query TargetListExclusions($id: ID!, $first: Int!, $after: String, $withFirstName: Boolean!, $withLastName: Boolean!) {\n    targetList(id: $id) {\n      id\n      exclusions(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            customerId\n            customerNumber\n            reasons\n            prohibitedKinds\n            optOutLists\n            customer {\n              id\n              firstName @include(if: $withFirstName)\n              lastName @include(if: $withLastName)\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.TargetListExclusionsDocument,
    "\n  mutation ExportTargetList($id: ID!, $format: ExportFormat!) {\n    exportTargetList(id: $id, format: $format) {\n      id\n      format\n      content\n      url\n      rowCount\n      droppedCount\n      droppedByReason {\n        reason\n        count\n      }\n      sha256\n    }\n  }\n": typeof types.ExportTargetListDocument,
    "\n  query CustomerList(\n    $search: String\n    $filter: CustomerFilter\n    $orderBy: CustomerOrder!\n    $first: Int!\n    $after: String\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withCity: Boolean!\n  ) {\n    customers(search: $search, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          customerNumber\n          firstName @include(if: $withFirstName)\n          lastName @include(if: $withLastName)\n          organisation @include(if: $withOrganisation) {\n            id\n            name\n          }\n          email @include(if: $withEmail)\n          city @include(if: $withCity)\n        }\n      }\n    }\n  }\n": typeof types.CustomerListDocument,
    "\n  fragment CustomerFields on Customer {\n    id\n    customerNumber\n    version\n    createdAt\n    updatedAt\n    firstName @include(if: $withFirstName)\n    lastName @include(if: $withLastName)\n    organisation @include(if: $withOrganisation) {\n      id\n      name\n      businessId\n    }\n    email @include(if: $withEmail)\n    phone @include(if: $withPhone)\n    street @include(if: $withStreet)\n    postalCode @include(if: $withPostalCode)\n    city @include(if: $withCity)\n    country @include(if: $withCountry)\n    language @include(if: $withLanguage)\n    partner @include(if: $withPartner) {\n      id\n      name\n    }\n    source @include(if: $withSource)\n    provenance @include(if: $withProvenance) {\n      field\n      source\n      detail\n      recordedAt\n      recordedBy\n    }\n    prohibitions @include(if: $withProhibitions) {\n      ...ProhibitionFields\n    }\n  }\n": typeof types.CustomerFieldsFragmentDoc,
    "\n  query Customer(\n    $id: ID!\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withStreet: Boolean!\n    $withPostalCode: Boolean!\n    $withCity: Boolean!\n    $withCountry: Boolean!\n    $withLanguage: Boolean!\n    $withPartner: Boolean!\n    $withSource: Boolean!\n    $withProvenance: Boolean!\n    $withProhibitions: Boolean!\n  ) {\n    customer(id: $id) {\n      ...CustomerFields\n    }\n  }\n": typeof types.CustomerDocument,
    "\n  mutation UpdateCustomer(\n    $id: ID!\n    $version: Int!\n    $input: UpdateCustomerInput!\n    $confirmDuplicates: Boolean!\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withStreet: Boolean!\n    $withPostalCode: Boolean!\n    $withCity: Boolean!\n    $withCountry: Boolean!\n    $withLanguage: Boolean!\n    $withPartner: Boolean!\n    $withSource: Boolean!\n    $withProvenance: Boolean!\n    $withProhibitions: Boolean!\n  ) {\n    updateCustomer(id: $id, version: $version, input: $input, confirmDuplicates: $confirmDuplicates) {\n      ...CustomerFields\n    }\n  }\n": typeof types.UpdateCustomerDocument,
    "\n  mutation CreateCustomer($input: CreateCustomerInput!, $source: ProvenanceInput, $confirmDuplicates: Boolean!) {\n    createCustomer(input: $input, source: $source, confirmDuplicates: $confirmDuplicates) {\n      id\n    }\n  }\n": typeof types.CreateCustomerDocument,
    "\n  query PossibleDuplicates(\n    $email: String\n    $phone: String\n    $excludeId: ID\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withCity: Boolean!\n  ) {\n    possibleDuplicates(email: $email, phone: $phone, excludeId: $excludeId) {\n      id\n      customerNumber\n      firstName @include(if: $withFirstName)\n      lastName @include(if: $withLastName)\n      email @include(if: $withEmail)\n      phone @include(if: $withPhone)\n      city @include(if: $withCity)\n    }\n  }\n": typeof types.PossibleDuplicatesDocument,
    "\n  query Partners {\n    partners {\n      id\n      name\n    }\n  }\n": typeof types.PartnersDocument,
    "\n  query Statistics {\n    statistics {\n      minimumGroupSize\n      customers\n      customersBySource {\n        label\n        count\n      }\n      customersByCity {\n        label\n        count\n      }\n      newCustomersPerMonth {\n        month\n        count\n      }\n      ordersPerMonth {\n        label\n        orders\n        revenueCents\n      }\n      ordersPerChannel {\n        label\n        orders\n        revenueCents\n      }\n    }\n  }\n": typeof types.StatisticsDocument,
    "\n  fragment InvoiceFields on Invoice {\n    id\n    invoiceNumber\n    issuedAt\n    dueAt\n    amountCents\n    status\n    paidAt\n    collectionAgency\n    version\n  }\n": typeof types.InvoiceFieldsFragmentDoc,
    "\n  query CustomerInvoices($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      invoices(first: $first, after: $after) {\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        edges {\n          node {\n            ...InvoiceFields\n            order {\n              id\n              orderNumber\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerInvoicesDocument,
    "\n  mutation CreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.CreateInvoiceDocument,
    "\n  mutation UpdateInvoice($id: ID!, $version: Int!, $input: UpdateInvoiceInput!) {\n    updateInvoice(id: $id, version: $version, input: $input) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.UpdateInvoiceDocument,
    "\n  fragment OptOutListFields on OptOutList {\n    id\n    name\n    channel\n    validFrom\n    validUntil\n    rowCount\n    importedAt\n  }\n": typeof types.OptOutListFieldsFragmentDoc,
    "\n  query OptOutLists {\n    optOutLists {\n      ...OptOutListFields\n    }\n  }\n": typeof types.OptOutListsDocument,
    "\n  mutation ImportOptOutList($input: ImportOptOutListInput!) {\n    importOptOutList(input: $input) {\n      ...OptOutListFields\n    }\n  }\n": typeof types.ImportOptOutListDocument,
    "\n  fragment OrderSummary on Order {\n    id\n    orderNumber\n    channel\n    channelDetail\n    orderedAt\n    status\n    archived\n    grossCents\n  }\n": typeof types.OrderSummaryFragmentDoc,
    "\n  query CustomerOrders($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      orders(first: $first, after: $after) {\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        edges {\n          node {\n            ...OrderSummary\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerOrdersDocument,
    "\n  fragment OrderFields on Order {\n    ...OrderSummary\n    closedAt\n    version\n    netCents\n    vatCents\n    lines {\n      position\n      sku\n      name\n      quantity\n      unitPriceCents\n      vatRateBasisPoints\n      netCents\n      vatCents\n      grossCents\n    }\n    invoices {\n      ...InvoiceFields\n    }\n  }\n": typeof types.OrderFieldsFragmentDoc,
    "\n  query Order($id: ID!, $withFirstName: Boolean!, $withLastName: Boolean!) {\n    order(id: $id) {\n      ...OrderFields\n      customer {\n        id\n        customerNumber\n        firstName @include(if: $withFirstName)\n        lastName @include(if: $withLastName)\n      }\n    }\n  }\n": typeof types.OrderDocument,
    "\n  mutation CreateOrder($input: CreateOrderInput!) {\n    createOrder(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateOrderDocument,
    "\n  mutation UpdateOrder($id: ID!, $version: Int!, $input: UpdateOrderInput!) {\n    updateOrder(id: $id, version: $version, input: $input) {\n      ...OrderFields\n    }\n  }\n": typeof types.UpdateOrderDocument,
    "\n  fragment ProhibitionFields on Prohibition {\n    kind\n    channel\n    via\n    note\n    recordedAt\n    recordedBy\n  }\n": typeof types.ProhibitionFieldsFragmentDoc,
    "\n  query ProhibitionHistory($customerId: ID!) {\n    prohibitionHistory(customerId: $customerId) {\n      action\n      ...ProhibitionFields\n    }\n  }\n": typeof types.ProhibitionHistoryDocument,
    "\n  mutation RecordProhibition($customerId: ID!, $input: ProhibitionInput!) {\n    recordProhibition(customerId: $customerId, input: $input) {\n      ...ProhibitionFields\n    }\n  }\n": typeof types.RecordProhibitionDocument,
    "\n  mutation LiftProhibition($customerId: ID!, $input: ProhibitionInput!) {\n    liftProhibition(customerId: $customerId, input: $input) {\n      ...ProhibitionFields\n    }\n  }\n": typeof types.LiftProhibitionDocument,
    "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    roles\n    active\n    mustChangePassword\n    partner {\n      id\n      name\n    }\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      initialPassword\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation SetUserRoles($id: ID!, $roles: [Role!]!) {\n    setUserRoles(id: $id, roles: $roles) {\n      ...UserFields\n    }\n  }\n": typeof types.SetUserRolesDocument,
    "\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      ...UserFields\n    }\n  }\n": typeof types.DeactivateUserDocument,
};
const documents: Documents = {
    "\n  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          actorUsername\n          customerId\n          targetUserId\n          fields\n          purpose\n        }\n      }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  fragment MeFields on Me {\n    mustChangePassword\n    confidentialityAccepted\n    confidentialityVersion\n    roles\n    rules\n    user {\n      id\n      username\n      displayName\n      partner {\n        id\n        name\n      }\n    }\n  }\n": types.MeFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...MeFields\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ...MeFields\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation AcceptConfidentiality($version: String!) {\n    acceptConfidentiality(version: $version) {\n      ...MeFields\n    }\n  }\n": types.AcceptConfidentialityDocument,
    "\n  fragment SegmentFields on Segment {\n    cities\n    postalCodePrefixes\n    languages\n    hasOrganisation\n    sources\n    customerSinceFrom\n    customerSinceTo\n    orderedSku\n    orderedWithinDays\n    minTotalSpendCents\n    noOrderForDays\n  }\n": types.SegmentFieldsFragmentDoc,
    "\n  fragment TargetListSummary on TargetList {\n    id\n    status\n    progress\n    error\n    includedCount\n    excludedCount\n    builtAt\n  }\n": types.TargetListSummaryFragmentDoc,
    "\n  fragment CampaignFields on Campaign {\n    id\n    name\n    purpose\n    channel\n    owner\n    status\n    createdAt\n    segment {\n      ...SegmentFields\n    }\n    targetList {\n      ...TargetListSummary\n    }\n  }\n": types.CampaignFieldsFragmentDoc,
    "\n  query Campaigns {\n    campaigns {\n      ...CampaignFields\n    }\n  }\n": types.CampaignsDocument,
    "\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n": types.CampaignDocument,
    "\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignFields\n    }\n  }\n": types.CreateCampaignDocument,
    "\n  mutation ArchiveCampaign($id: ID!) {\n    archiveCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n": types.ArchiveCampaignDocument,
    "\n  query EstimateSegment($segment: SegmentInput!) {\n    estimateSegment(segment: $segment) {\n      matching\n    }\n  }\n": types.EstimateSegmentDocument,
    "\n  mutation BuildTargetList($campaignId: ID!) {\n    buildTargetList(campaignId: $campaignId) {\n      ...TargetListSummary\n    }\n  }\n": types.BuildTargetListDocument,
    "\n  query TargetList($id: ID!) {\n    targetList(id: $id) {\n      ...TargetListSummary\n      exclusionsByReason {\n        reason\n        count\n      }\n    }\n  }\n": types.TargetListDocument,
    "\n  query TargetListMembers(\n    $id: ID!\n    $first: Int!\n    $after: String\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withEmail: Boolean!\n    $withCity: Boolean!\n  ) {\n    targetList(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            customerId\n            customerNumber\n            customer {\n              id\n              firstName @include(if: $withFirstName)\n              lastName @include(if: $withLastName)\n              email @include(if: $withEmail)\n              city @include(if: $withCity)\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.TargetListMembersDocument,
    "\n  query TargetListExclusions($id: ID!, $first: Int!, $after: String, $withFirstName: Boolean!, $withLastName: Boolean!) {\n    targetList(id: $id) {\n      id\n      exclusions(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            customerId\n            customerNumber\n            reasons\n            prohibitedKinds\n            optOutLists\n            customer {\n              id\n              firstName @include(if: $withFirstName)\n              lastName @include(if: $withLastName)\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.TargetListExclusionsDocument,
    "\n  mutation ExportTargetList($id: ID!, $format: ExportFormat!) {\n    exportTargetList(id: $id, format: $format) {\n      id\n      format\n      content\n      url\n      rowCount\n      droppedCount\n      droppedByReason {\n        reason\n        count\n      }\n      sha256\n    }\n  }\n": types.ExportTargetListDocument,
    "\n  query CustomerList(\n    $search: String\n    $filter: CustomerFilter\n    $orderBy: CustomerOrder!\n    $first: Int!\n    $after: String\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withCity: Boolean!\n  ) {\n    customers(search: $search, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          customerNumber\n          firstName @include(if: $withFirstName)\n          lastName @include(if: $withLastName)\n          organisation @include(if: $withOrganisation) {\n            id\n            name\n          }\n          email @include(if: $withEmail)\n          city @include(if: $withCity)\n        }\n      }\n    }\n  }\n": types.CustomerListDocument,
    "\n  fragment CustomerFields on Customer {\n    id\n    customerNumber\n    version\n    createdAt\n    updatedAt\n    firstName @include(if: $withFirstName)\n    lastName @include(if: $withLastName)\n    organisation @include(if: $withOrganisation) {\n      id\n      name\n      businessId\n    }\n    email @include(if: $withEmail)\n    phone @include(if: $withPhone)\n    street @include(if: $withStreet)\n    postalCode @include(if: $withPostalCode)\n    city @include(if: $withCity)\n    country @include(if: $withCountry)\n    language @include(if: $withLanguage)\n    partner @include(if: $withPartner) {\n      id\n      name\n    }\n    source @include(if: $withSource)\n    provenance @include(if: $withProvenance) {\n      field\n      source\n      detail\n      recordedAt\n      recordedBy\n    }\n    prohibitions @include(if: $withProhibitions) {\n      ...ProhibitionFields\n    }\n  }\n": types.CustomerFieldsFragmentDoc,
    "\n  query Customer(\n    $id: ID!\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withStreet: Boolean!\n    $withPostalCode: Boolean!\n    $withCity: Boolean!\n    $withCountry: Boolean!\n    $withLanguage: Boolean!\n    $withPartner: Boolean!\n    $withSource: Boolean!\n    $withProvenance: Boolean!\n    $withProhibitions: Boolean!\n  ) {\n    customer(id: $id) {\n      ...CustomerFields\n    }\n  }\n": types.CustomerDocument,
    "\n  mutation UpdateCustomer(\n    $id: ID!\n    $version: Int!\n    $input: UpdateCustomerInput!\n    $confirmDuplicates: Boolean!\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withStreet: Boolean!\n    $withPostalCode: Boolean!\n    $withCity: Boolean!\n    $withCountry: Boolean!\n    $withLanguage: Boolean!\n    $withPartner: Boolean!\n    $withSource: Boolean!\n    $withProvenance: Boolean!\n    $withProhibitions: Boolean!\n  ) {\n    updateCustomer(id: $id, version: $version, input: $input, confirmDuplicates: $confirmDuplicates) {\n      ...CustomerFields\n    }\n  }\n": types.UpdateCustomerDocument,
    "\n  mutation CreateCustomer($input: CreateCustomerInput!, $source: ProvenanceInput, $confirmDuplicates: Boolean!) {\n    createCustomer(input: $input, source: $source, confirmDuplicates: $confirmDuplicates) {\n      id\n    }\n  }\n": types.CreateCustomerDocument,
    "\n  query PossibleDuplicates(\n    $email: String\n    $phone: String\n    $excludeId: ID\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withCity: Boolean!\n  ) {\n    possibleDuplicates(email: $email, phone: $phone, excludeId: $excludeId) {\n      id\n      customerNumber\n      firstName @include(if: $withFirstName)\n      lastName @include(if: $withLastName)\n      email @include(if: $withEmail)\n      phone @include(if: $withPhone)\n      city @include(if: $withCity)\n    }\n  }\n": types.PossibleDuplicatesDocument,
    "\n  query Partners {\n    partners {\n      id\n      name\n    }\n  }\n": types.PartnersDocument,
    "\n  query Statistics {\n    statistics {\n      minimumGroupSize\n      customers\n      customersBySource {\n        label\n        count\n      }\n      customersByCity {\n        label\n        count\n      }\n      newCustomersPerMonth {\n        month\n        count\n      }\n      ordersPerMonth {\n        label\n        orders\n        revenueCents\n      }\n      ordersPerChannel {\n        label\n        orders\n        revenueCents\n      }\n    }\n  }\n": types.StatisticsDocument,
    "\n  fragment InvoiceFields on Invoice {\n    id\n    invoiceNumber\n    issuedAt\n    dueAt\n    amountCents\n    status\n    paidAt\n    collectionAgency\n    version\n  }\n": types.InvoiceFieldsFragmentDoc,
    "\n  query CustomerInvoices($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      invoices(first: $first, after: $after) {\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        edges {\n          node {\n            ...InvoiceFields\n            order {\n              id\n              orderNumber\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CustomerInvoicesDocument,
    "\n  mutation CreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      ...InvoiceFields\n    }\n  }\n": types.CreateInvoiceDocument,
    "\n  mutation UpdateInvoice($id: ID!, $version: Int!, $input: UpdateInvoiceInput!) {\n    updateInvoice(id: $id, version: $version, input: $input) {\n      ...InvoiceFields\n    }\n  }\n": types.UpdateInvoiceDocument,
    "\n  fragment OptOutListFields on OptOutList {\n    id\n    name\n    channel\n    validFrom\n    validUntil\n    rowCount\n    importedAt\n  }\n": types.OptOutListFieldsFragmentDoc,
    "\n  query OptOutLists {\n    optOutLists {\n      ...OptOutListFields\n    }\n  }\n": types.OptOutListsDocument,
    "\n  mutation ImportOptOutList($input: ImportOptOutListInput!) {\n    importOptOutList(input: $input) {\n      ...OptOutListFields\n    }\n  }\n": types.ImportOptOutListDocument,
    "\n  fragment OrderSummary on Order {\n    id\n    orderNumber\n    channel\n    channelDetail\n    orderedAt\n    status\n    archived\n    grossCents\n  }\n": types.OrderSummaryFragmentDoc,
    "\n  query CustomerOrders($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      orders(first: $first, after: $after) {\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        edges {\n          node {\n            ...OrderSummary\n          }\n        }\n      }\n    }\n  }\n": types.CustomerOrdersDocument,
    "\n  fragment OrderFields on Order {\n    ...OrderSummary\n    closedAt\n    version\n    netCents\n    vatCents\n    lines {\n      position\n      sku\n      name\n      quantity\n      unitPriceCents\n      vatRateBasisPoints\n      netCents\n      vatCents\n      grossCents\n    }\n    invoices {\n      ...InvoiceFields\n    }\n  }\n": types.OrderFieldsFragmentDoc,
    "\n  query Order($id: ID!, $withFirstName: Boolean!, $withLastName: Boolean!) {\n    order(id: $id) {\n      ...OrderFields\n      customer {\n        id\n        customerNumber\n        firstName @include(if: $withFirstName)\n        lastName @include(if: $withLastName)\n      }\n    }\n  }\n": types.OrderDocument,
    "\n  mutation CreateOrder($input: CreateOrderInput!) {\n    createOrder(input: $input) {\n      id\n    }\n  }\n": types.CreateOrderDocument,
    "\n  mutation UpdateOrder($id: ID!, $version: Int!, $input: UpdateOrderInput!) {\n    updateOrder(id: $id, version: $version, input: $input) {\n      ...OrderFields\n    }\n  }\n": types.UpdateOrderDocument,
    "\n  fragment ProhibitionFields on Prohibition {\n    kind\n    channel\n    via\n    note\n    recordedAt\n    recordedBy\n  }\n": types.ProhibitionFieldsFragmentDoc,
    "\n  query ProhibitionHistory($customerId: ID!) {\n    prohibitionHistory(customerId: $customerId) {\n      action\n      ...ProhibitionFields\n    }\n  }\n": types.ProhibitionHistoryDocument,
    "\n  mutation RecordProhibition($customerId: ID!, $input: ProhibitionInput!) {\n    recordProhibition(customerId: $customerId, input: $input) {\n      ...ProhibitionFields\n    }\n  }\n": types.RecordProhibitionDocument,
    "\n  mutation LiftProhibition($customerId: ID!, $input: ProhibitionInput!) {\n    liftProhibition(customerId: $customerId, input: $input) {\n      ...ProhibitionFields\n    }\n  }\n": types.LiftProhibitionDocument,
    "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    roles\n    active\n    mustChangePassword\n    partner {\n      id\n      name\n    }\n  }\n": types.UserFieldsFragmentDoc,
    "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      initialPassword\n      user {\n        ...UserFields\n      }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation SetUserRoles($id: ID!, $roles: [Role!]!) {\n    setUserRoles(id: $id, roles: $roles) {\n      ...UserFields\n    }\n  }\n": types.SetUserRolesDocument,
    "\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      ...UserFields\n    }\n  }\n": types.DeactivateUserDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          actorUsername\n          customerId\n          targetUserId\n          fields\n          purpose\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          actorUsername\n          customerId\n          targetUserId\n          fields\n          purpose\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MeFields on Me {\n    mustChangePassword\n    confidentialityAccepted\n    confidentialityVersion\n    roles\n    rules\n    user {\n      id\n      username\n      displayName\n      partner {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MeFields on Me {\n    mustChangePassword\n    confidentialityAccepted\n    confidentialityVersion\n    roles\n    rules\n    user {\n      id\n      username\n      displayName\n      partner {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...MeFields\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...MeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ...MeFields\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ...MeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptConfidentiality($version: String!) {\n    acceptConfidentiality(version: $version) {\n      ...MeFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptConfidentiality($version: String!) {\n    acceptConfidentiality(version: $version) {\n      ...MeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SegmentFields on Segment {\n    cities\n    postalCodePrefixes\n    languages\n    hasOrganisation\n    sources\n    customerSinceFrom\n    customerSinceTo\n    orderedSku\n    orderedWithinDays\n    minTotalSpendCents\n    noOrderForDays\n  }\n"): (typeof documents)["\n  fragment SegmentFields on Segment {\n    cities\n    postalCodePrefixes\n    languages\n    hasOrganisation\n    sources\n    customerSinceFrom\n    customerSinceTo\n    orderedSku\n    orderedWithinDays\n    minTotalSpendCents\n    noOrderForDays\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TargetListSummary on TargetList {\n    id\n    status\n    progress\n    error\n    includedCount\n    excludedCount\n    builtAt\n  }\n"): (typeof documents)["\n  fragment TargetListSummary on TargetList {\n    id\n    status\n    progress\n    error\n    includedCount\n    excludedCount\n    builtAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CampaignFields on Campaign {\n    id\n    name\n    purpose\n    channel\n    owner\n    status\n    createdAt\n    segment {\n      ...SegmentFields\n    }\n    targetList {\n      ...TargetListSummary\n    }\n  }\n"): (typeof documents)["\n  fragment CampaignFields on Campaign {\n    id\n    name\n    purpose\n    channel\n    owner\n    status\n    createdAt\n    segment {\n      ...SegmentFields\n    }\n    targetList {\n      ...TargetListSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Campaigns {\n    campaigns {\n      ...CampaignFields\n    }\n  }\n"): (typeof documents)["\n  query Campaigns {\n    campaigns {\n      ...CampaignFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n"): (typeof documents)["\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveCampaign($id: ID!) {\n    archiveCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveCampaign($id: ID!) {\n    archiveCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EstimateSegment($segment: SegmentInput!) {\n    estimateSegment(segment: $segment) {\n      matching\n    }\n  }\n"): (typeof documents)["\n  query EstimateSegment($segment: SegmentInput!) {\n    estimateSegment(segment: $segment) {\n      matching\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BuildTargetList($campaignId: ID!) {\n    buildTargetList(campaignId: $campaignId) {\n      ...TargetListSummary\n    }\n  }\n"): (typeof documents)["\n  mutation BuildTargetList($campaignId: ID!) {\n    buildTargetList(campaignId: $campaignId) {\n      ...TargetListSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TargetList($id: ID!) {\n    targetList(id: $id) {\n      ...TargetListSummary\n      exclusionsByReason {\n        reason\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query TargetList($id: ID!) {\n    targetList(id: $id) {\n      ...TargetListSummary\n      exclusionsByReason {\n        reason\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TargetListMembers(\n    $id: ID!\n    $first: Int!\n    $after: String\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withEmail: Boolean!\n    $withCity: Boolean!\n  ) {\n    targetList(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            customerId\n            customerNumber\n            customer {\n              id\n              firstName @include(if: $withFirstName)\n              lastName @include(if: $withLastName)\n              email @include(if: $withEmail)\n              city @include(if: $withCity)\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TargetListMembers(\n    $id: ID!\n    $first: Int!\n    $after: String\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withEmail: Boolean!\n    $withCity: Boolean!\n  ) {\n    targetList(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            customerId\n            customerNumber\n            customer {\n              id\n              firstName @include(if: $withFirstName)\n              lastName @include(if: $withLastName)\n              email @include(if: $withEmail)\n              city @include(if: $withCity)\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TargetListExclusions($id: ID!, $first: Int!, $after: String, $withFirstName: Boolean!, $withLastName: Boolean!) {\n    targetList(id: $id) {\n      id\n      exclusions(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            customerId\n            customerNumber\n            reasons\n            prohibitedKinds\n            optOutLists\n            customer {\n              id\n              firstName @include(if: $withFirstName)\n              lastName @include(if: $withLastName)\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TargetListExclusions($id: ID!, $first: Int!, $after: String, $withFirstName: Boolean!, $withLastName: Boolean!) {\n    targetList(id: $id) {\n      id\n      exclusions(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            customerId\n            customerNumber\n            reasons\n            prohibitedKinds\n            optOutLists\n            customer {\n              id\n              firstName @include(if: $withFirstName)\n              lastName @include(if: $withLastName)\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportTargetList($id: ID!, $format: ExportFormat!) {\n    exportTargetList(id: $id, format: $format) {\n      id\n      format\n      content\n      url\n      rowCount\n      droppedCount\n      droppedByReason {\n        reason\n        count\n      }\n      sha256\n    }\n  }\n"): (typeof documents)["\n  mutation ExportTargetList($id: ID!, $format: ExportFormat!) {\n    exportTargetList(id: $id, format: $format) {\n      id\n      format\n      content\n      url\n      rowCount\n      droppedCount\n      droppedByReason {\n        reason\n        count\n      }\n      sha256\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerList(\n    $search: String\n    $filter: CustomerFilter\n    $orderBy: CustomerOrder!\n    $first: Int!\n    $after: String\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withCity: Boolean!\n  ) {\n    customers(search: $search, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          customerNumber\n          firstName @include(if: $withFirstName)\n          lastName @include(if: $withLastName)\n          organisation @include(if: $withOrganisation) {\n            id\n            name\n          }\n          email @include(if: $withEmail)\n          city @include(if: $withCity)\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerList(\n    $search: String\n    $filter: CustomerFilter\n    $orderBy: CustomerOrder!\n    $first: Int!\n    $after: String\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withCity: Boolean!\n  ) {\n    customers(search: $search, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          customerNumber\n          firstName @include(if: $withFirstName)\n          lastName @include(if: $withLastName)\n          organisation @include(if: $withOrganisation) {\n            id\n            name\n          }\n          email @include(if: $withEmail)\n          city @include(if: $withCity)\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomerFields on Customer {\n    id\n    customerNumber\n    version\n    createdAt\n    updatedAt\n    firstName @include(if: $withFirstName)\n    lastName @include(if: $withLastName)\n    organisation @include(if: $withOrganisation) {\n      id\n      name\n      businessId\n    }\n    email @include(if: $withEmail)\n    phone @include(if: $withPhone)\n    street @include(if: $withStreet)\n    postalCode @include(if: $withPostalCode)\n    city @include(if: $withCity)\n    country @include(if: $withCountry)\n    language @include(if: $withLanguage)\n    partner @include(if: $withPartner) {\n      id\n      name\n    }\n    source @include(if: $withSource)\n    provenance @include(if: $withProvenance) {\n      field\n      source\n      detail\n      recordedAt\n      recordedBy\n    }\n    prohibitions @include(if: $withProhibitions) {\n      ...ProhibitionFields\n    }\n  }\n"): (typeof documents)["\n  fragment CustomerFields on Customer {\n    id\n    customerNumber\n    version\n    createdAt\n    updatedAt\n    firstName @include(if: $withFirstName)\n    lastName @include(if: $withLastName)\n    organisation @include(if: $withOrganisation) {\n      id\n      name\n      businessId\n    }\n    email @include(if: $withEmail)\n    phone @include(if: $withPhone)\n    street @include(if: $withStreet)\n    postalCode @include(if: $withPostalCode)\n    city @include(if: $withCity)\n    country @include(if: $withCountry)\n    language @include(if: $withLanguage)\n    partner @include(if: $withPartner) {\n      id\n      name\n    }\n    source @include(if: $withSource)\n    provenance @include(if: $withProvenance) {\n      field\n      source\n      detail\n      recordedAt\n      recordedBy\n    }\n    prohibitions @include(if: $withProhibitions) {\n      ...ProhibitionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Customer(\n    $id: ID!\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withStreet: Boolean!\n    $withPostalCode: Boolean!\n    $withCity: Boolean!\n    $withCountry: Boolean!\n    $withLanguage: Boolean!\n    $withPartner: Boolean!\n    $withSource: Boolean!\n    $withProvenance: Boolean!\n    $withProhibitions: Boolean!\n  ) {\n    customer(id: $id) {\n      ...CustomerFields\n    }\n  }\n"): (typeof documents)["\n  query Customer(\n    $id: ID!\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withStreet: Boolean!\n    $withPostalCode: Boolean!\n    $withCity: Boolean!\n    $withCountry: Boolean!\n    $withLanguage: Boolean!\n    $withPartner: Boolean!\n    $withSource: Boolean!\n    $withProvenance: Boolean!\n    $withProhibitions: Boolean!\n  ) {\n    customer(id: $id) {\n      ...CustomerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCustomer(\n    $id: ID!\n    $version: Int!\n    $input: UpdateCustomerInput!\n    $confirmDuplicates: Boolean!\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withStreet: Boolean!\n    $withPostalCode: Boolean!\n    $withCity: Boolean!\n    $withCountry: Boolean!\n    $withLanguage: Boolean!\n    $withPartner: Boolean!\n    $withSource: Boolean!\n    $withProvenance: Boolean!\n    $withProhibitions: Boolean!\n  ) {\n    updateCustomer(id: $id, version: $version, input: $input, confirmDuplicates: $confirmDuplicates) {\n      ...CustomerFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCustomer(\n    $id: ID!\n    $version: Int!\n    $input: UpdateCustomerInput!\n    $confirmDuplicates: Boolean!\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withOrganisation: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withStreet: Boolean!\n    $withPostalCode: Boolean!\n    $withCity: Boolean!\n    $withCountry: Boolean!\n    $withLanguage: Boolean!\n    $withPartner: Boolean!\n    $withSource: Boolean!\n    $withProvenance: Boolean!\n    $withProhibitions: Boolean!\n  ) {\n    updateCustomer(id: $id, version: $version, input: $input, confirmDuplicates: $confirmDuplicates) {\n      ...CustomerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCustomer($input: CreateCustomerInput!, $source: ProvenanceInput, $confirmDuplicates: Boolean!) {\n    createCustomer(input: $input, source: $source, confirmDuplicates: $confirmDuplicates) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCustomer($input: CreateCustomerInput!, $source: ProvenanceInput, $confirmDuplicates: Boolean!) {\n    createCustomer(input: $input, source: $source, confirmDuplicates: $confirmDuplicates) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PossibleDuplicates(\n    $email: String\n    $phone: String\n    $excludeId: ID\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withCity: Boolean!\n  ) {\n    possibleDuplicates(email: $email, phone: $phone, excludeId: $excludeId) {\n      id\n      customerNumber\n      firstName @include(if: $withFirstName)\n      lastName @include(if: $withLastName)\n      email @include(if: $withEmail)\n      phone @include(if: $withPhone)\n      city @include(if: $withCity)\n    }\n  }\n"): (typeof documents)["\n  query PossibleDuplicates(\n    $email: String\n    $phone: String\n    $excludeId: ID\n    $withFirstName: Boolean!\n    $withLastName: Boolean!\n    $withEmail: Boolean!\n    $withPhone: Boolean!\n    $withCity: Boolean!\n  ) {\n    possibleDuplicates(email: $email, phone: $phone, excludeId: $excludeId) {\n      id\n      customerNumber\n      firstName @include(if: $withFirstName)\n      lastName @include(if: $withLastName)\n      email @include(if: $withEmail)\n      phone @include(if: $withPhone)\n      city @include(if: $withCity)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Partners {\n    partners {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query Partners {\n    partners {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Statistics {\n    statistics {\n      minimumGroupSize\n      customers\n      customersBySource {\n        label\n        count\n      }\n      customersByCity {\n        label\n        count\n      }\n      newCustomersPerMonth {\n        month\n        count\n      }\n      ordersPerMonth {\n        label\n        orders\n        revenueCents\n      }\n      ordersPerChannel {\n        label\n        orders\n        revenueCents\n      }\n    }\n  }\n"): (typeof documents)["\n  query Statistics {\n    statistics {\n      minimumGroupSize\n      customers\n      customersBySource {\n        label\n        count\n      }\n      customersByCity {\n        label\n        count\n      }\n      newCustomersPerMonth {\n        month\n        count\n      }\n      ordersPerMonth {\n        label\n        orders\n        revenueCents\n      }\n      ordersPerChannel {\n        label\n        orders\n        revenueCents\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceFields on Invoice {\n    id\n    invoiceNumber\n    issuedAt\n    dueAt\n    amountCents\n    status\n    paidAt\n    collectionAgency\n    version\n  }\n"): (typeof documents)["\n  fragment InvoiceFields on Invoice {\n    id\n    invoiceNumber\n    issuedAt\n    dueAt\n    amountCents\n    status\n    paidAt\n    collectionAgency\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerInvoices($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      invoices(first: $first, after: $after) {\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        edges {\n          node {\n            ...InvoiceFields\n            order {\n              id\n              orderNumber\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerInvoices($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      invoices(first: $first, after: $after) {\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        edges {\n          node {\n            ...InvoiceFields\n            order {\n              id\n              orderNumber\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateInvoice($id: ID!, $version: Int!, $input: UpdateInvoiceInput!) {\n    updateInvoice(id: $id, version: $version, input: $input) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateInvoice($id: ID!, $version: Int!, $input: UpdateInvoiceInput!) {\n    updateInvoice(id: $id, version: $version, input: $input) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OptOutListFields on OptOutList {\n    id\n    name\n    channel\n    validFrom\n    validUntil\n    rowCount\n    importedAt\n  }\n"): (typeof documents)["\n  fragment OptOutListFields on OptOutList {\n    id\n    name\n    channel\n    validFrom\n    validUntil\n    rowCount\n    importedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OptOutLists {\n    optOutLists {\n      ...OptOutListFields\n    }\n  }\n"): (typeof documents)["\n  query OptOutLists {\n    optOutLists {\n      ...OptOutListFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportOptOutList($input: ImportOptOutListInput!) {\n    importOptOutList(input: $input) {\n      ...OptOutListFields\n    }\n  }\n"): (typeof documents)["\n  mutation ImportOptOutList($input: ImportOptOutListInput!) {\n    importOptOutList(input: $input) {\n      ...OptOutListFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderSummary on Order {\n    id\n    orderNumber\n    channel\n    channelDetail\n    orderedAt\n    status\n    archived\n    grossCents\n  }\n"): (typeof documents)["\n  fragment OrderSummary on Order {\n    id\n    orderNumber\n    channel\n    channelDetail\n    orderedAt\n    status\n    archived\n    grossCents\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerOrders($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      orders(first: $first, after: $after) {\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        edges {\n          node {\n            ...OrderSummary\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerOrders($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      orders(first: $first, after: $after) {\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        edges {\n          node {\n            ...OrderSummary\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderFields on Order {\n    ...OrderSummary\n    closedAt\n    version\n    netCents\n    vatCents\n    lines {\n      position\n      sku\n      name\n      quantity\n      unitPriceCents\n      vatRateBasisPoints\n      netCents\n      vatCents\n      grossCents\n    }\n    invoices {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  fragment OrderFields on Order {\n    ...OrderSummary\n    closedAt\n    version\n    netCents\n    vatCents\n    lines {\n      position\n      sku\n      name\n      quantity\n      unitPriceCents\n      vatRateBasisPoints\n      netCents\n      vatCents\n      grossCents\n    }\n    invoices {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Order($id: ID!, $withFirstName: Boolean!, $withLastName: Boolean!) {\n    order(id: $id) {\n      ...OrderFields\n      customer {\n        id\n        customerNumber\n        firstName @include(if: $withFirstName)\n        lastName @include(if: $withLastName)\n      }\n    }\n  }\n"): (typeof documents)["\n  query Order($id: ID!, $withFirstName: Boolean!, $withLastName: Boolean!) {\n    order(id: $id) {\n      ...OrderFields\n      customer {\n        id\n        customerNumber\n        firstName @include(if: $withFirstName)\n        lastName @include(if: $withLastName)\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrder($input: CreateOrderInput!) {\n    createOrder(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOrder($input: CreateOrderInput!) {\n    createOrder(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOrder($id: ID!, $version: Int!, $input: UpdateOrderInput!) {\n    updateOrder(id: $id, version: $version, input: $input) {\n      ...OrderFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateOrder($id: ID!, $version: Int!, $input: UpdateOrderInput!) {\n    updateOrder(id: $id, version: $version, input: $input) {\n      ...OrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProhibitionFields on Prohibition {\n    kind\n    channel\n    via\n    note\n    recordedAt\n    recordedBy\n  }\n"): (typeof documents)["\n  fragment ProhibitionFields on Prohibition {\n    kind\n    channel\n    via\n    note\n    recordedAt\n    recordedBy\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProhibitionHistory($customerId: ID!) {\n    prohibitionHistory(customerId: $customerId) {\n      action\n      ...ProhibitionFields\n    }\n  }\n"): (typeof documents)["\n  query ProhibitionHistory($customerId: ID!) {\n    prohibitionHistory(customerId: $customerId) {\n      action\n      ...ProhibitionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordProhibition($customerId: ID!, $input: ProhibitionInput!) {\n    recordProhibition(customerId: $customerId, input: $input) {\n      ...ProhibitionFields\n    }\n  }\n"): (typeof documents)["\n  mutation RecordProhibition($customerId: ID!, $input: ProhibitionInput!) {\n    recordProhibition(customerId: $customerId, input: $input) {\n      ...ProhibitionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiftProhibition($customerId: ID!, $input: ProhibitionInput!) {\n    liftProhibition(customerId: $customerId, input: $input) {\n      ...ProhibitionFields\n    }\n  }\n"): (typeof documents)["\n  mutation LiftProhibition($customerId: ID!, $input: ProhibitionInput!) {\n    liftProhibition(customerId: $customerId, input: $input) {\n      ...ProhibitionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    roles\n    active\n    mustChangePassword\n    partner {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    roles\n    active\n    mustChangePassword\n    partner {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      initialPassword\n      user {\n        ...UserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      initialPassword\n      user {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRoles($id: ID!, $roles: [Role!]!) {\n    setUserRoles(id: $id, roles: $roles) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRoles($id: ID!, $roles: [Role!]!) {\n    setUserRoles(id: $id, roles: $roles) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      ...UserFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;