import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** The documents of `graphql.ts` by export name, as the JSON text codegen wrote for each (one line each). */
function readDocuments(generated: string): Map<string, string> {
  const documents = new Map<string, string>();
  for (const line of fs.readFileSync(generated, 'utf8').split('\n')) {
    const match = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode</.exec(line);
    if (match) documents.set(match[1], match[2]);
  }
  return documents;
}

/**
 * Replaces each `graphql(`…`)` call of the app with that one document from `src/gql/graphql.ts`, as the client
 * preset's babel plugin does. Without it, `src/gql/gql.ts` maps every document's source text to its document, so the
 * first page would load every operation of every page (issue 16: about 380 kB); and imported from `graphql.ts`, the
 * documents of every page would still share one chunk.
 *
 * A document exported at the top of a module (`export const X = graphql(`…`)`, as in each feature's `operations.ts`)
 * becomes a module of its own, so a page's chunk holds the documents that page uses, not every document of the file
 * it imports them from (the customer list loaded the customer page's 30 kB of documents). Any other call is replaced
 * by its document in place.
 */
const VIRTUAL = 'rekisteri-graphql-document:';

export function graphqlDocuments(gqlDir: string): Plugin {
  const generated = path.join(gqlDir, 'graphql.ts');
  let documents = new Map<string, string>();
  return {
    name: 'rekisteri-graphql-documents',
    enforce: 'pre',
    buildStart() {
      documents = readDocuments(generated);
    },
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? { id: `\0${id}`, moduleSideEffects: false } : null;
    },
    load(id) {
      if (!id.startsWith(`\0${VIRTUAL}`)) return null;
      const document = documents.get(id.slice(VIRTUAL.length + 1));
      if (!document) this.error(`${id.slice(1)} is not in src/gql/graphql.ts; run pnpm codegen`);
      return { code: `export default ${document};\n`, moduleSideEffects: false };
    },
    transform(code, id) {
      const file = id.split('?')[0];
      if (!/\.tsx?$/.test(file) || file.startsWith(gqlDir) || !code.includes('graphql(`')) return null;
      const documentOf = (call: string, source: string): string => {
        const definitions = [...source.matchAll(/\b(query|mutation|subscription|fragment)\s+([A-Za-z_]\w*)/g)];
        if (definitions.length !== 1) this.error(`${file}: a graphql() call must hold exactly one definition: ${call.slice(0, 80)}`);
        const [, kind, name] = definitions[0];
        const exported = kind === 'fragment' ? `${name}FragmentDoc` : `${name}Document`;
        if (!documents.has(exported)) this.error(`${file}: ${exported} is not in src/gql/graphql.ts; run pnpm codegen`);
        return exported;
      };
      let changed = false;
      const out = code
        .replace(/^export const (\w+) = graphql\(\s*`([^`]*)`\s*\);?$/gm, (call, local: string, source: string) => {
          changed = true;
          return `import ${local} from '${VIRTUAL}${documentOf(call, source)}';\nexport { ${local} };`;
        })
        .replace(/\bgraphql\(\s*`([^`]*)`\s*\)/g, (call, source: string) => {
          changed = true;
          return `(${documents.get(documentOf(call, source))})`;
        });
      return changed ? { code: out, map: null } : null;
    },
  };
}
