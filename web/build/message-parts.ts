import ts from 'typescript';
import type { Plugin } from 'vite';
import { type MessagePart, PAGE_SECTIONS, SHELL_SECTIONS } from '../src/app/i18n/parts';

const SHELL = new Set<string>(SHELL_SECTIONS);
const PAGES = new Set<string>(PAGE_SECTIONS);
const partOf = (section: string): MessagePart => (SHELL.has(section) ? 'shell' : PAGES.has(section) ? 'pages' : 'rest');

/**
 * Cuts a language's messages (`src/app/i18n/fi.ts`, `en.ts`) into the parts of `src/app/i18n/parts.ts` (issue 16: the
 * sign-in page's first load holds the shell's texts only): `./fi?part=shell` is the module with only the shell's
 * sections in its exported object, `./fi?part=pages` the one with `PAGE_SECTIONS`, `./fi?part=rest` the one with the
 * others. What else the file holds (helpers) is in each.
 */
export function messageParts(i18nDir: string): Plugin {
  return {
    name: 'rekisteri-message-parts',
    enforce: 'pre',
    transform(code, id) {
      const [file, query = ''] = id.split('?');
      const part = /(?:^|&)part=(shell|rest|pages)(?:&|$)/.exec(query)?.[1];
      if (!part || !file.startsWith(i18nDir) || !/[\\/](fi|en)\.ts$/.test(file)) return null;
      const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      let object: ts.ObjectLiteralExpression | undefined;
      for (const statement of source.statements) {
        if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
        const initializer = statement.declarationList.declarations[0]?.initializer;
        if (initializer && ts.isObjectLiteralExpression(initializer)) object = initializer;
      }
      if (!object) this.error(`${file}: no exported object of messages`);
      const kept: string[] = [];
      const seen = new Set<string>();
      for (const property of object.properties) {
        const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
        if (!name) this.error(`${file}: a section without a plain name`);
        seen.add(name);
        if (partOf(name) === part) kept.push(property.getFullText(source));
      }
      for (const name of [...SHELL, ...PAGES]) if (!seen.has(name)) this.error(`${file}: the section ${name} of parts.ts is missing`);
      const out = `${code.slice(0, object.getStart(source))}{${kept.join(',')}\n}${code.slice(object.getEnd())}`;
      return { code: out, map: null };
    },
  };
}
