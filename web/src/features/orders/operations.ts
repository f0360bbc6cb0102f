import { graphql } from '../../gql';

export const OrderSummaryFragment = graphql(`
  fragment OrderSummary on Order {
    id
    orderNumber
    channel
    channelDetail
    orderedAt
    status
    archived
    grossCents
  }
`);

export const CustomerOrdersQuery = graphql(`
  query CustomerOrders($id: UUID!, $first: Int!, $after: String) {
    customer(id: $id) {
      id
      restricted
      orders(first: $first, after: $after) {
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          node {
            ...OrderSummary
          }
        }
      }
    }
  }
`);

export const OrderFieldsFragment = graphql(`
  fragment OrderFields on Order {
    ...OrderSummary
    closedAt
    version
    netCents
    vatCents
    lines {
      position
      sku
      name
      quantity
      unitPriceCents
      vatRateBasisPoints
      netCents
      vatCents
      grossCents
    }
    invoices {
      ...InvoiceFields
    }
  }
`);

export const OrderQuery = graphql(`
  query Order($id: UUID!, $withFirstName: Boolean!, $withLastName: Boolean!) {
    order(id: $id) {
      ...OrderFields
      customer {
        id
        customerNumber
        restricted
        firstName @include(if: $withFirstName)
        lastName @include(if: $withLastName)
      }
    }
  }
`);

/** P1: the VAT rates in force (VAT_RATES on the server), in basis points. */
export const VatRatesQuery = graphql(`
  query VatRates {
    vatRates
  }
`);

export const CreateOrderMutation = graphql(`
  mutation CreateOrder($input: CreateOrderInput!) {
    createOrder(input: $input) {
      id
    }
  }
`);

export const UpdateOrderMutation = graphql(`
  mutation UpdateOrder($id: UUID!, $version: Int!, $input: UpdateOrderInput!) {
    updateOrder(id: $id, version: $version, input: $input) {
      ...OrderFields
    }
  }
`);
