import { COUNT_CAP } from '../db/capped-count';
import type { Load, TargetName } from './compare-targets';

export type ScenarioId = 'B1' | 'B2' | 'B3' | 'COUNT';

export interface Scenario {
  id: ScenarioId;
  title: string;
  loads: Partial<Record<TargetName, Load>>;
  /** How many rows each answer must carry, and which errors (path tails) it may carry. */
  rows: number;
  allowedErrors?: string;
}

const TEN_FIELDS = 'customerNumber firstName lastName email phone street postalCode city language';

const graphql = (query: string, cookie?: string): Load => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
  body: JSON.stringify({ query }),
});
const raw = (path: string): Load => ({ method: 'GET', path, headers: {} });

/** B1, B2, B3 and the list page with its count, as each server asks for them. */
export function scenarios(sales: string, marketing: string): Scenario[] {
  const page = `customers(first: 100) { edges { node { id ${TEN_FIELDS} } } }`;
  const pgPage = `allCustomers(first: 100, orderBy: CUSTOMER_NUMBER_ASC) { nodes { rowId ${TEN_FIELDS} } }`;
  return [
    {
      id: 'B1',
      title: 'B1 name search "kinen", 50 rows x 6 fields as SALES (PostGraphile has no ILIKE search without a plugin: not compared)',
      rows: 50,
      loads: {
        raw: raw('/b1'),
        rekisteri: graphql('{ customers(first: 50, search: "kinen") { edges { node { id customerNumber firstName lastName email city } } } }', sales),
      },
    },
    {
      id: 'B2',
      title: 'B2 first 100 customers x 10 fields as SALES',
      rows: 100,
      loads: { raw: raw('/b2'), postgraphile: graphql(`{ ${pgPage} }`), rekisteri: graphql(`{ ${page} }`, sales) },
    },
    {
      id: 'B3',
      title: 'B3 = B2 as MARKETING, the phone denied (FORBIDDEN at each phone)',
      rows: 100,
      allowedErrors: 'phone',
      loads: { rekisteri: graphql(`{ ${page} }`, marketing) },
    },
    {
      id: 'COUNT',
      title: `The list page with totalCount: B2 and the count of every customer the user may see (Rekisteri: exact up to ${COUNT_CAP.toLocaleString('en')}, then capped)`,
      rows: 100,
      loads: {
        raw: raw('/count'),
        postgraphile: graphql(`{ allCustomers(first: 100, orderBy: CUSTOMER_NUMBER_ASC) { totalCount nodes { rowId ${TEN_FIELDS} } } }`),
        rekisteri: graphql(`{ customers(first: 100) { totalCount totalCountCapped edges { node { id ${TEN_FIELDS} } } } }`, sales),
      },
    },
  ];
}

interface Answer {
  nodes?: unknown[];
  data?: { customers?: { edges: unknown[] }; allCustomers?: { nodes: unknown[] } };
  errors?: Array<{ path?: Array<string | number>; extensions?: { code?: string } }>;
}

/** What is wrong with an answer, or null: the rows all there, and no error but the allowed ones. */
export function problemWith(scenario: Scenario, status: number, body: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 300)}`;
  const answer = JSON.parse(body) as Answer;
  const rows = answer.nodes ?? answer.data?.customers?.edges ?? answer.data?.allCustomers?.nodes ?? [];
  if (rows.length !== scenario.rows) return `${rows.length} rows, not ${scenario.rows}: ${body.slice(0, 300)}`;
  const errors = answer.errors ?? [];
  const unexpected = errors.filter((e) => !scenario.allowedErrors || e.path?.at(-1) !== scenario.allowedErrors || e.extensions?.code !== 'FORBIDDEN');
  if (unexpected.length > 0) return `unexpected errors: ${JSON.stringify(unexpected.slice(0, 2))}`;
  if (scenario.allowedErrors && errors.length !== scenario.rows) return `${errors.length} FORBIDDEN errors, not one per row`;
  return null;
}
