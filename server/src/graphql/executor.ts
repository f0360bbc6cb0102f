import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { type DocumentNode, type ExecutionResult, execute, GraphQLError, type GraphQLSchema, Kind, printSchema } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { locateDenied } from '../auth/field-guard';
import { withoutStack } from '../errors';

type Gateway = ApolloServerOptionsWithGateway<Record<string, unknown>>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Compiled queries kept per process: one per distinct document and operation, the least recently used dropped first. */
export const COMPILED_QUERIES = 500;

/**
 * A small least-recently-used map: a Map keeps insertion order, so a hit is moved to the end and the
 * first key is the one to drop. (Apollo's own LRU is not a dependency of ours; this is all it takes.)
 */
export class Lru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly max: number) {}
  get size(): number {
    return this.entries.size;
  }
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/**
 * A compiled query's error as graphql-js would have made it. graphql-jit wraps every error a resolver
 * throws in an object of its own whose message cannot be changed (and plugins do change messages:
 * the query armor's hides field suggestions); graphql-js answers a resolver's error that is already
 * located as it is, and locates any other at the field. Built without capturing a stack: the error
 * keeps its original's. The field guard's FORBIDDEN is located as the guard does it (`locateDenied`).
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  const denied = locateDenied(original, error.path, error.locations);
  if (denied) return denied;
  if (original instanceof GraphQLError && original.path) return original;
  return withoutStack(() => {
    const located = new GraphQLError(error.message, { path: error.path, originalError: original });
    // The compiled query computed the locations once from the document; graphql-js would compute the same from the nodes.
    Object.defineProperty(located, 'locations', { value: error.locations, enumerable: true, writable: true, configurable: true });
    return located;
  });
}

/**
 * How many operations a document defines. graphql-jit writes each operation's @skip/@include onto the document's own
 * nodes as it compiles it, and conditions of one operation's fragment spreads then reach another operation of the same
 * document (it leaves fields out that graphql-js shows): a document of several operations runs through graphql-js.
 */
const operationCounts = new WeakMap<DocumentNode, number>();
function operationsIn(document: DocumentNode): number {
  let count = operationCounts.get(document);
  if (count === undefined) {
    count = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
    operationCounts.set(document, count);
  }
  return count;
}

export interface CompiledExecution {
  /** Apollo's gateway interface, through which a custom executor runs every operation Apollo has parsed and validated. */
  gateway: Gateway;
  /** How many compiled queries are kept now. */
  readonly cached: number;
}

/**
 * Queries run compiled by graphql-jit (issue 13): the same schema, so the same resolvers (the field
 * guard's included: every cell still asks the request's field mask, and a denied one answers FORBIDDEN
 * at its path); what goes is graphql-js's per-field interpretation of the document. Apollo still
 * parses, validates (the query armor) and runs every plugin; only execution changes.
 *
 * graphql-js runs what the compiled path would answer differently or has no reason to run:
 * mutations (run once each, in order: their cost is their writes), subscriptions, a document the
 * compiler refuses, a document of several operations (`operationsIn`), and a request whose variables do not coerce (graphql-js's messages and codes are
 * the contract there: the compiled query reports such errors before any resolver runs, so running it
 * again through graphql-js is free of side effects). `interpreted` forces graphql-js for every
 * operation (tracing, whose GraphQL instrumentation patches graphql-js's execute).
 */
export function compiledExecution(schema: GraphQLSchema, options: { maxQueries?: number; interpreted?: () => boolean } = {}): CompiledExecution {
  const compiled = new Lru<CompiledQuery | null>(options.maxQueries ?? COMPILED_QUERIES);
  const interpreted = (document: DocumentNode, context: unknown, variables: Record<string, unknown> | undefined, operationName: string | undefined) =>
    execute({ schema, document, contextValue: context, variableValues: variables, operationName }) as Promise<ExecutionResult> | ExecutionResult;

  const executor: Executor = async (request) => {
    // The field guard lists here the errors of denied cells it answers null (its views, where the selection is known).
    const context = request.context as { deniedCells?: GraphQLError[] };
    const cells: GraphQLError[] = [];
    context.deniedCells = cells;
    try {
      const result = await run(request);
      return cells.length ? { ...result, errors: [...(result.errors ?? []), ...cells] } : result;
    } finally {
      context.deniedCells = undefined;
    }
  };

  const run: Executor = async (request) => {
    const { document, operation, context, queryHash } = request;
    const { variables, operationName } = request.request;
    if (operation.operation !== 'query' || options.interpreted?.() || operationsIn(document) > 1)
      return interpreted(document, context, variables, operationName);
    // Apollo hands the same document for the same query text (its document store, by queryHash).
    const key = `${queryHash}:${operationName ?? ''}`;
    let query = compiled.get(key);
    if (query === undefined) {
      const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      query = isCompiledQuery(result) ? result : null;
      compiled.set(key, query);
    }
    if (!query) return interpreted(document, context, variables, operationName);
    const result = await query.query(undefined, context, variables ?? {});
    // No data at all: the variables did not coerce, and no resolver has run (so no view has listed a denied cell).
    if (result.data === undefined && result.errors?.length) return interpreted(document, context, variables, operationName);
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  };

  let listener: Parameters<Gateway['onSchemaLoadOrUpdate']>[0] | null = null;
  return {
    gateway: {
      onSchemaLoadOrUpdate(callback) {
        listener = callback;
        return () => {
          listener = null;
        };
      },
      async load() {
        listener?.({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
        return { executor };
      },
      async stop() {},
    },
    get cached() {
      return compiled.size;
    },
  };
}
