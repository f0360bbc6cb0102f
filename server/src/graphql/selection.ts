import {
  type DirectiveNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>;

/**
 * The names of the fields a request selects at `path` below the resolving field (for the customer
 * list, `['edges', 'node']`: the fields of each customer), through aliases, fragment spreads and
 * inline fragments. `@skip` and `@include` are decided from the request's variables, as the executor
 * decides them, so a field they leave out is not selected (the web app's lists show their columns so).
 * Undefined when the selection cannot be known before it is resolved: any other directive, or a
 * fragment the document does not define. A caller that answers for what will be resolved (the
 * consultation log written with the read) then leaves it to resolution.
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
 * Whether the executor will take a selection with these directives: graphql-js's rule (`@skip` if true
 * leaves it out, then `@include` if false does), from the same coerced variables. Undefined for any other
 * directive, whose effect is not known here.
 */
function included(directives: readonly DirectiveNode[] | undefined, variables: SelectionInfo['variableValues']): boolean | undefined {
  if (!directives?.length) return true;
  for (const directive of directives) {
    const name = directive.name.value;
    if (name !== GraphQLSkipDirective.name && name !== GraphQLIncludeDirective.name) return undefined;
  }
  const node = { directives };
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  return true;
}

interface SelectedField {
  name: string;
  selectionSet: SelectionSetNode | undefined;
}

function fieldsOf(sets: readonly SelectionSetNode[], info: SelectionInfo): SelectedField[] | undefined {
  const out: SelectedField[] = [];
  const visit = (set: SelectionSetNode): boolean => {
    for (const selection of set.selections) {
      const shown = included(selection.directives, info.variableValues);
      if (shown === undefined) return false;
      if (!shown) continue;
      if (selection.kind === Kind.FIELD) out.push({ name: selection.name.value, selectionSet: selection.selectionSet });
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(selection.selectionSet)) return false;
      } else {
        const fragment = info.fragments[selection.name.value];
        if (!fragment || fragment.directives?.length || !visit(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  for (const set of sets) if (!visit(set)) return undefined;
  return out;
}
