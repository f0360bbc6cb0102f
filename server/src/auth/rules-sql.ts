import { rulesToAST } from '@casl/ability/extra';
import type { Action, AppAbility, Subject } from '@rekisteri/schema';
import type { Params } from '../db/sql';

interface Condition {
  operator: string;
  field?: string;
  value: unknown;
}

/**
 * Turns the permission table's rules for (action, subject) into a SQL condition. `columns` maps
 * the fields rules may name to SQL columns; any other field or operator fails closed (throws).
 * Only the gate (`authorize.ts`) calls this.
 */
export function rulesToSql(ability: AppAbility, action: Action, subject: Subject, columns: Record<string, string>, params: Params): string {
  const ast = rulesToAST(ability, action, subject) as Condition | null;
  if (ast === null) return 'FALSE';
  return toSql(ast, columns, params);
}

function toSql(node: Condition, columns: Record<string, string>, params: Params): string {
  switch (node.operator) {
    case 'and':
    case 'or': {
      const parts = (node.value as Condition[]).map((c) => toSql(c, columns, params));
      if (parts.length === 0) return node.operator === 'and' ? 'TRUE' : 'FALSE';
      return `(${parts.join(node.operator === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'not':
      return `NOT (${toSql((node.value as Condition[])[0] ?? (node.value as Condition), columns, params)})`;
    case 'eq':
    case 'ne':
    case 'in':
    case 'nin': {
      const column = node.field ? columns[node.field] : undefined;
      if (!column) throw new Error(`Permission rule names field '${node.field}' with no SQL column`);
      if (node.operator === 'eq') return node.value === null ? `${column} IS NULL` : `${column} = ${params.bind(node.value)}`;
      if (node.operator === 'ne') return node.value === null ? `${column} IS NOT NULL` : `${column} IS DISTINCT FROM ${params.bind(node.value)}`;
      if (node.operator === 'in') return `${column} = ANY(${params.bind(node.value)})`;
      return `NOT (${column} = ANY(${params.bind(node.value)}))`;
    }
    default:
      throw new Error(`Permission rule operator '${node.operator}' has no SQL translation`);
  }
}
