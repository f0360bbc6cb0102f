import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  GraphQLInt,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type OperationDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValueNode,
  valueFromAST,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../db/paging';

/**
 * What one request may ask, in production and tests alike. The web app's biggest operation stays
 * well inside each (a test checks every one of them).
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxDirectives: 50,
  /** In graphql-armor's units (an object 2, a scalar 1, ×1.5 per level), list sizes multiplied in. */
  maxCost: 100_000,
} as const;

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

type Reject = (context: { reportError(error: GraphQLError): void } | null, error: GraphQLError) => void;

/** A refusal names the limit; formatError gives it the code QUERY_TOO_COMPLEX (Apollo's validation would overwrite the code). */
const rejectAs =
  (limit: string): Reject =>
  (context, error) => {
    const refusal = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: QUERY_TOO_COMPLEX, limit } });
    if (context) context.reportError(refusal);
    else throw refusal;
  };

const common = { propagateOnRejection: false, exposeLimits: true } as const;

/** graphql-js refuses a long document this way as it parses. */
export const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/;

/**
 * graphql-armor's depth, alias and directive limits, a token limit, and no field suggestions ("Did you
 * mean …" would tell the schema that introspection does not). Its cost limit counts a list size
 * only when written in the query, and the web app passes `first` as a variable: `queryCost` below
 * computes the same cost with the variables and argument defaults of the request.
 */
export function queryArmor() {
  const armor = new ApolloArmor({
    maxDepth: { ...common, n: QUERY_LIMITS.maxDepth, onReject: [rejectAs('depth')] },
    maxAliases: { ...common, n: QUERY_LIMITS.maxAliases, onReject: [rejectAs('aliases')] },
    maxDirectives: { ...common, n: QUERY_LIMITS.maxDirectives, onReject: [rejectAs('directives')] },
    // graphql-js counts tokens as it parses (Apollo's parseOptions); armor's token plugin would answer 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: [...plugins, queryCost(QUERY_LIMITS.maxCost)], validationRules, parseOptions: { maxTokens: QUERY_LIMITS.maxTokens } };
}

const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_FACTOR = 1.5;

interface Walk {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
}

function argumentValue(walk: Walk, node: ValueNode): unknown {
  if (node.kind === Kind.VARIABLE) return walk.variables[node.name.value];
  return valueFromAST(node, GraphQLInt);
}

/** @include and @skip decide with the request's variables, as execution will. */
function included(
  walk: Walk,
  directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] = [],
): boolean {
  for (const directive of directives) {
    const condition = directive.arguments?.find((a) => a.name.value === 'if');
    if (!condition) continue;
    const value =
      condition.value.kind === Kind.VARIABLE ? walk.variables[condition.value.name.value] : condition.value.kind === Kind.BOOLEAN && condition.value.value;
    if (directive.name.value === 'include' && value !== true) return false;
    if (directive.name.value === 'skip' && value === true) return false;
  }
  return true;
}

/** How many items a paged field may answer: its `first`/`last` as given, else the argument's default. */
function listSize(walk: Walk, field: GraphQLField<unknown, unknown> | undefined, args: readonly { name: { value: string }; value: ValueNode }[] = []): number {
  for (const name of ['first', 'last']) {
    const given = args.find((a) => a.name.value === name);
    const value = given ? argumentValue(walk, given.value) : field?.args.find((a) => a.name === name)?.defaultValue;
    // Over the page size limit, the argument's own validation refuses it (BAD_USER_INPUT, naming it).
    if (typeof value === 'number' && Number.isFinite(value)) return Math.min(Math.max(1, value), MAX_PAGE_SIZE);
  }
  return 1;
}

function fieldsOf(type: GraphQLNamedType | undefined): Record<string, GraphQLField<unknown, unknown>> {
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : {};
}

function selectionCost(walk: Walk, set: SelectionSetNode, parent: GraphQLNamedType | undefined, seen: Set<string>): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (!included(walk, selection.directives)) continue;
    if (selection.kind === Kind.FIELD) {
      if (!selection.selectionSet) {
        cost += DEPTH_FACTOR * SCALAR_COST;
        continue;
      }
      const field = fieldsOf(parent)[selection.name.value];
      const type = field ? getNamedType(field.type) : undefined;
      const inner = OBJECT_COST + selectionCost(walk, selection.selectionSet, isCompositeType(type) ? type : undefined, seen);
      cost += DEPTH_FACTOR * inner * listSize(walk, field, selection.arguments);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      cost += DEPTH_FACTOR * (OBJECT_COST + selectionCost(walk, selection.selectionSet, type, seen));
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      cost +=
        DEPTH_FACTOR * (SCALAR_COST + DEPTH_FACTOR * (OBJECT_COST + selectionCost(walk, fragment.selectionSet, type, new Set([...seen, fragment.name.value]))));
    }
  }
  return cost;
}

/** The cost of the operation that will run, with the request's variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  // The operation's own fields are not weighted by depth (as graphql-armor counts).
  return selectionCost({ schema, variables, fragments }, operation.selectionSet, root ?? undefined, new Set()) / DEPTH_FACTOR;
}

/** Refuses, before anything runs, an operation whose cost with these variables is over `maxCost`. */
export function queryCost(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo has refused it already
          const cost = operationCost(schema, document, operation, request.variables ?? {});
          if (cost > maxCost) {
            throw new GraphQLError(`Query Cost limit of ${maxCost} exceeded, found ${Math.ceil(cost)}.`, {
              extensions: { code: QUERY_TOO_COMPLEX, limit: 'cost', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
