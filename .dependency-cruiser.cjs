/**
 * Import rules for `pnpm lint` (`pnpm lint:imports`). Type-only imports count (tsPreCompilationDeps):
 * `import type` still couples two modules, and a cycle through types is still a cycle to untangle.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not depend on itself through others, type imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'services-never-import-graphql',
      severity: 'error',
      comment:
        'Services never import GraphQL: in modules/ only *.resolver.ts, *.type.ts and *.inputs.ts, in auth/ only resolvers, ' +
        'the auth checker and the field guard schema transform import graphql, type-graphql, graphql-scalars or src/graphql/. ' +
        'Tests are exempt (the permission matrix test walks the built schema).',
      from: {
        path: ['^server/src/modules/', '^server/src/auth/'],
        pathNot: [
          '^server/src/modules/.+[.](resolver|type|inputs)[.]ts$',
          '^server/src/auth/.+[.]resolver[.]ts$',
          '^server/src/auth/auth-checker[.]ts$',
          '^server/src/auth/field-guard[.]ts$',
          '[.]test[.]tsx?$',
        ],
      },
      to: {
        path: ['^server/src/graphql/', '(^|/)node_modules/(graphql|type-graphql|graphql-scalars)/'],
      },
    },
  ],
  options: {
    includeOnly: { path: ['^server/src/', '^schema/src/', '^web/src/', '(^|/)node_modules/(graphql|type-graphql|graphql-scalars)/'] },
    exclude: { path: ['^web/src/gql/', '(^|/)dist/'] },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
