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
 * Replaces each `graphql(`…`)` call of the app with that one document from `src/gql/graphql.ts`, written in place,
 * as the client preset's babel plugin does. Without it, `src/gql/gql.ts` maps every document's source text to its
 * document, so the first page would load every operation of every page (issue 16: about 380 kB); and imported from
 * `graphql.ts`, the documents of every page would still share one chunk.
 */
export function graphqlDocuments(gqlDir: string): Plugin {
  const generated = path.join(gqlDir, 'graphql.ts');
  let documents = new Map<string, string>();
  return {
    name: 'rekisteri-graphql-documents',
    enforce: 'pre',
    buildStart() {
      documents = readDocuments(generated);
    },
    transform(code, id) {
      const file = id.split('?')[0];
      if (!/\.tsx?$/.test(file) || file.startsWith(gqlDir) || !code.includes('graphql(`')) return null;
      let changed = false;
      const out = code.replace(/\bgraphql\(\s*`([^`]*)`\s*\)/g, (call, source: string) => {
        const definitions = [...source.matchAll(/\b(query|mutation|subscription|fragment)\s+([A-Za-z_]\w*)/g)];
        if (definitions.length !== 1) this.error(`${file}: a graphql() call must hold exactly one definition: ${call.slice(0, 80)}`);
        const [, kind, name] = definitions[0];
        const exported = kind === 'fragment' ? `${name}FragmentDoc` : `${name}Document`;
        const document = documents.get(exported);
        if (!document) this.error(`${file}: ${exported} is not in src/gql/graphql.ts; run pnpm codegen`);
        changed = true;
        return `(${document})`;
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}
