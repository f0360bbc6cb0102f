import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields a request selects at `path` below the resolving field (for the customer
 * list, `['edges', 'node']`: the fields of each customer), through aliases, fragment spreads and
 * inline fragments. Undefined when the selection cannot be known before it is resolved: a field on
 * the way or at the end under @skip or @include (the variables decide), or a fragment the document
 * does not define. A caller that answers for what will be resolved (the consultation log written with
 * the read) then leaves it to resolution.
 */
export function selectedFieldsAt(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): Set<string> | undefined {
  // More than one node: the field is selected again elsewhere, maybe under a fragment whose @include a compiled
  // executor decides only as it runs (graphql-jit passes every node): leave it to resolution.
  if (info.fieldNodes.length !== 1) return undefined;
  let sets: SelectionSetNode[] = [];
  for (const node of info.fieldNodes) {
    if (node.directives?.length) return undefined;
    if (node.selectionSet) sets.push(node.selectionSet);
  }
  for (const name of path) {
    const next: SelectionSetNode[] = [];
    const fields = fieldsOf(sets, info.fragments);
    if (!fields) return undefined;
    for (const field of fields) if (field.name === name && field.selectionSet) next.push(field.selectionSet);
    sets = next;
  }
  const fields = fieldsOf(sets, info.fragments);
  return fields && new Set(fields.map((f) => f.name));
}

interface SelectedField {
  name: string;
  selectionSet: SelectionSetNode | undefined;
}

function fieldsOf(sets: readonly SelectionSetNode[], fragments: GraphQLResolveInfo['fragments']): SelectedField[] | undefined {
  const out: SelectedField[] = [];
  const visit = (set: SelectionSetNode): boolean => {
    for (const selection of set.selections) {
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.FIELD) out.push({ name: selection.name.value, selectionSet: selection.selectionSet });
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(selection.selectionSet)) return false;
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment || fragment.directives?.length || !visit(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  for (const set of sets) if (!visit(set)) return undefined;
  return out;
}
