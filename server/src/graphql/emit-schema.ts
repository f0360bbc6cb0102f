import fs from 'node:fs';
import path from 'node:path';
import { printSchema, lexicographicSortSchema } from 'graphql';
import { buildAppSchema } from './schema';

/** Writes schema/schema.graphql from the resolvers; with --check, fails when the committed file differs. */
async function main() {
  const target = path.resolve(__dirname, '../../../schema/schema.graphql');
  const sdl = `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (committed !== sdl) {
      console.error(`${target} is out of date with the resolvers. Run: pnpm --filter @rekisteri/server schema:emit`);
      process.exit(1);
    }
    console.log('schema.graphql matches the resolvers');
    return;
  }
  fs.writeFileSync(target, sdl);
  console.log(`wrote ${target}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
