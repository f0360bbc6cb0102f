/** An organisation a customer represents (P6), as the services see it: no GraphQL (`organisation.type.ts` gives it its GraphQL shape). */
export interface Organisation {
  id: string;
  name: string;
  /** Finnish business ID (Y-tunnus), e.g. 1234567-8. */
  businessId: string | null;
}
