// One autocannon run for `pnpm bench:compare`: AUTOCANNON_DIR = where autocannon was installed on demand;
// argv[2] = JSON { url, method, headers, body, connections, duration }. Prints autocannon's result as JSON.
const path = require('node:path');
const { createRequire } = require('node:module');

const autocannon = createRequire(path.join(process.env.AUTOCANNON_DIR, 'package.json'))('autocannon');
const options = JSON.parse(process.argv[2]);
autocannon(options, (error, result) => {
  if (error) {
    console.error(error);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(result));
});
