import { type FieldNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFieldsAt } from './selection';

/** The info a resolver of the operation's first field gets: its node, the document's fragments and the variables. */
function infoOf(query: string, variableValues: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const field = operation?.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [field], fragments, variableValues };
}

const NODE = ['edges', 'node'];
const fieldsOf = (query: string, variables?: Record<string, unknown>) => {
  const selected = selectedFieldsAt(infoOf(query, variables), NODE);
  return selected && [...selected].sort();
};

describe('[issue 13] the fields a page selects, before it is read', () => {
  it('decides @include and @skip from the variables, as the executor does', () => {
    const list = `query ($withEmail: Boolean!, $hideCity: Boolean!) {
      customers(first: 5) { edges { node { id email @include(if: $withEmail) city @skip(if: $hideCity) } } } }`;
    expect(fieldsOf(list, { withEmail: true, hideCity: false })).toEqual(['city', 'email', 'id']);
    expect(fieldsOf(list, { withEmail: false, hideCity: true })).toEqual(['id']);
    expect(fieldsOf(`{ customers { edges { node { id phone @include(if: false) lastName @skip(if: false) } } } }`)).toEqual(['id', 'lastName']);
    // Both on one field: it is shown only when @skip is false and @include is true.
    expect(fieldsOf(`{ customers { edges { node { id phone @skip(if: false) @include(if: false) } } } }`)).toEqual(['id']);
  });

  it('follows fragments and inline fragments, and the directives on them and on the way', () => {
    const query = `query ($on: Boolean!) { customers { edges { node { id ...Contact @include(if: $on) ... @skip(if: $on) { city } } } } }
      fragment Contact on Customer { email phone }`;
    expect(fieldsOf(query, { on: true })).toEqual(['email', 'id', 'phone']);
    expect(fieldsOf(query, { on: false })).toEqual(['city', 'id']);
    expect(fieldsOf(`{ customers { edges @include(if: false) { node { id email } } } }`)).toEqual([]);
  });

  it('cannot tell, and says so, for a directive it does not know, a missing fragment, or a field selected twice', () => {
    expect(fieldsOf(`{ customers { edges { node { id email @other } } } }`)).toBeUndefined();
    expect(fieldsOf(`{ customers { edges { node { id ...Missing } } } }`)).toBeUndefined();
    const twice = infoOf(`{ customers { edges { node { id } } } }`);
    expect(selectedFieldsAt({ ...twice, fieldNodes: [twice.fieldNodes[0], twice.fieldNodes[0]] }, NODE)).toBeUndefined();
    expect(selectedFieldsAt(infoOf(`{ customers @include(if: false) { edges { node { id } } } }`), NODE)).toBeUndefined();
  });
});
