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
  return { fieldNodes: [field], fragments, variableValues, operation: operation as OperationDefinitionNode };
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

  it('follows inline fragments and the directives on them and on the way, and named fragments in a document without conditions', () => {
    const query = `query ($on: Boolean!) { customers { edges { node { id ... @include(if: $on) { email phone } ... @skip(if: $on) { city } } } } }`;
    expect(fieldsOf(query, { on: true })).toEqual(['email', 'id', 'phone']);
    expect(fieldsOf(query, { on: false })).toEqual(['city', 'id']);
    expect(fieldsOf(`{ customers { edges @include(if: false) { node { id email } } } }`)).toEqual([]);
    expect(fieldsOf(`{ customers { edges { node { id ...Contact } } } } fragment Contact on Customer { email phone }`)).toEqual(['email', 'id', 'phone']);
  });

  it('leaves a named fragment to resolution when the document has conditions anywhere (graphql-jit decides those per fragment, not per spread)', () => {
    // graphql-jit visits Row once, at its first spread, whose @include is false: it shows no email where graphql-js does.
    const twice = `query ($x: Boolean!) { customers { edges { node { id ...Row @include(if: $x) ...Row } } } } fragment Row on Customer { email }`;
    expect(fieldsOf(twice, { x: false })).toBeUndefined();
    // The condition of another field's spread of the same fragment.
    const shared = `query ($x: Boolean!) { customers { edges { node { ...Row } } } customer(id: "x") { ...Row @include(if: $x) } }
      fragment Row on Customer { id email }`;
    expect(fieldsOf(shared, { x: false })).toBeUndefined();
  });

  it('leaves to resolution a condition whose variable is null (the executors differ on it)', () => {
    const query = `query ($x: Boolean = true) { customers { edges { node { id email @include(if: $x) } } } }`;
    expect(fieldsOf(query, { x: null })).toBeUndefined();
    expect(fieldsOf(query, { x: true })).toEqual(['email', 'id']);
  });

  it('cannot tell, and says so, for a directive it does not know, a missing fragment, or a field selected twice', () => {
    expect(fieldsOf(`{ customers { edges { node { id email @other } } } }`)).toBeUndefined();
    expect(fieldsOf(`{ customers { edges { node { id ...Missing } } } }`)).toBeUndefined();
    const twice = infoOf(`{ customers { edges { node { id } } } }`);
    expect(selectedFieldsAt({ ...twice, fieldNodes: [twice.fieldNodes[0], twice.fieldNodes[0]] }, NODE)).toBeUndefined();
    expect(selectedFieldsAt(infoOf(`{ customers @include(if: false) { edges { node { id } } } }`), NODE)).toBeUndefined();
  });
});
