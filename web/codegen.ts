import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed operations from the committed contract: `pnpm codegen` after changing an operation or the schema. */
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', 'src/**/*.graphql', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTimeISO: 'string', LocalDate: 'string', SafeInt: 'number', UUID: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
