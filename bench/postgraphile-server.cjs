// PostGraphile 5 (amber preset) over the bench database, for `pnpm bench:compare`. Run by Node 22 with
// PG5_DIR = the folder PostGraphile was installed into on demand (outside the workspace), DATABASE_URL, PORT.
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');

const load = createRequire(path.join(process.env.PG5_DIR, 'package.json'));
const { postgraphile } = load('postgraphile');
const { PostGraphileAmberPreset } = load('postgraphile/presets/amber');
const { makePgService } = load('postgraphile/adaptors/pg');
const { grafserv } = load('postgraphile/grafserv/node');

const port = Number(process.env.PORT);
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'] })],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = http.createServer();
serv
  .addTo(server)
  .then(() => server.listen(port, '127.0.0.1', () => console.log(`postgraphile listening on ${port}`)))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
process.on('SIGTERM', () => {
  server.close();
  pgl.release().finally(() => process.exit(0));
});
