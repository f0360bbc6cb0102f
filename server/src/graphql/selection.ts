import {
  type DirectiveNode,
  type FieldNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues' | 'operation'>;

/**
 * The names of the fields a request selects at `path` below the resolving field (for the customer
 * list, `['edges', 'node']`: the fields of each customer), through aliases, fragment spreads and
 * inline fragments. `@skip` and `@include` are decided from the request's variables, as the executor
 * decides them, so a field they leave out is not selected (the web app's lists show their columns so).
 * Undefined when the selection cannot be known before it is resolved: any other directive, a fragment
 * the document does not define, or a named fragment in a document with conditions (`hasConditions`).
 * A caller that answers for what will be resolved (the consultation log written with the read) then
 * leaves it to resolution.
 */
export function selectedFieldsAt(info: SelectionInfo, path: readonly string[]): Set<string> | undefined {
  // More than one node: the field is selected again elsewhere, maybe under a fragment whose @include a compiled
  // executor decides only as it runs (graphql-jit passes every node): leave it to resolution.
  if (info.fieldNodes.length !== 1) return undefined;
  let sets: SelectionSetNode[] = [];
  for (const node of info.fieldNodes) {
    const shown = included(node.directives, info.variableValues);
    if (shown !== true) return undefined;
    if (node.selectionSet) sets.push(node.selectionSet);
  }
  for (const name of path) {
    const next: SelectionSetNode[] = [];
    const fields = fieldsOf(sets, info);
    if (!fields) return undefined;
    for (const field of fields) if (field.name === name && field.selectionSet) next.push(field.selectionSet);
    sets = next;
  }
  const fields = fieldsOf(sets, info);
  return fields && new Set(fields.map((f) => f.name));
}

/**
 * The fields selected directly below the resolving field, by response key (alias or name), each with its field
 * name and the nodes that ask for it, decided as `selectedFieldsAt` decides: undefined when that cannot be known
 * before resolution. Worked out once per request and selection (the same nodes come for every row of a list).
 */
export function selectedFieldsByKey(info: SelectionInfo): Map<string, { name: string; nodes: FieldNode[] }> | undefined {
  if (info.fieldNodes.length !== 1) return undefined;
  const [node] = info.fieldNodes;
  if (included(node.directives, info.variableValues) !== true || !node.selectionSet) return undefined;
  const fields = fieldsOf([node.selectionSet], info);
  if (!fields) return undefined;
  const byKey = new Map<string, { name: string; nodes: FieldNode[] }>();
  for (const field of fields) {
    const known = byKey.get(field.key);
    if (known) known.nodes.push(field.node);
    else byKey.set(field.key, { name: field.name, nodes: [field.node] });
  }
  return byKey;
}

/** `@skip` or `@include`: the directives whose effect the variables decide. */
const isCondition = (directive: DirectiveNode) => directive.name.value === GraphQLSkipDirective.name || directive.name.value === GraphQLIncludeDirective.name;

/**
 * Whether the executor will take a selection with these directives: graphql-js's rule (`@skip` if true
 * leaves it out, then `@include` if false does), from the same coerced variables. Undefined for any other
 * directive, whose effect is not known here.
 */
function included(directives: readonly DirectiveNode[] | undefined, variables: SelectionInfo['variableValues']): boolean | undefined {
  if (!directives?.length) return true;
  if (!directives.every(isCondition)) return undefined;
  const node = { directives };
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  } catch {
    // A variable that is null where `if` takes a Boolean! (allowed when the variable has a default): the executors
    // differ on it (graphql-jit leaves the field out, graphql-js refuses); not known here.
    return undefined;
  }
  return true;
}

/**
 * Whether the document has any @skip or @include. graphql-jit visits a named fragment once however many times it
 * is spread, and writes the conditions of the spreads on the fragment's own nodes, so with conditions anywhere in
 * the document a field reached through a named fragment may be left out where graphql-js shows it. Through a named
 * fragment, then, only a document without conditions is decided here. Worked out once per document.
 */
const conditional = new WeakMap<object, boolean>();
function hasConditions(info: SelectionInfo): boolean {
  const key = info.operation;
  const known = conditional.get(key);
  if (known !== undefined) return known;
  let found = false;
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (found) return;
      if (selection.directives?.some(isCondition)) found = true;
      else if (selection.kind !== Kind.FRAGMENT_SPREAD) visit(selection.selectionSet);
    }
  };
  visit(info.operation.selectionSet);
  for (const fragment of Object.values(info.fragments)) visit(fragment.selectionSet);
  conditional.set(key, found);
  return found;
}

interface SelectedField {
  name: string;
  /** The response key: the alias, or the name. */
  key: string;
  node: FieldNode;
  selectionSet: SelectionSetNode | undefined;
}

function fieldsOf(sets: readonly SelectionSetNode[], info: SelectionInfo): SelectedField[] | undefined {
  const out: SelectedField[] = [];
  // A fragment spread again in the same selection adds nothing (graphql-js collects each named fragment once).
  const visited = new Set<string>();
  const visit = (set: SelectionSetNode): boolean => {
    for (const selection of set.selections) {
      const shown = included(selection.directives, info.variableValues);
      if (shown === undefined) return false;
      if (!shown) continue;
      if (selection.kind === Kind.FIELD) {
        out.push({ name: selection.name.value, key: selection.alias?.value ?? selection.name.value, node: selection, selectionSet: selection.selectionSet });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(selection.selectionSet)) return false;
      } else {
        if (visited.has(selection.name.value)) continue;
        visited.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (!fragment || fragment.directives?.length || hasConditions(info) || !visit(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  for (const set of sets) if (!visit(set)) return undefined;
  return out;
}
