/** A firm acting for the company (P4), as the services see it: no GraphQL (`partner.type.ts` gives it its GraphQL shape). */
export interface Partner {
  id: string;
  name: string;
}
