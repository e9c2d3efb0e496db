#!/usr/bin/env node
// Entry point: TypeScript sources run through ts-node in transpile-only mode (type-checking is `npm run typecheck`).
require('ts-node').register({ transpileOnly: true, project: require('node:path').join(__dirname, '..', 'tsconfig.json') });
require('../src/runner/cli')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code), (error) => {
    console.error(`invotide-conformance: internal error: ${error && error.stack ? error.stack : error}`);
    process.exit(2);
  });
