#!/usr/bin/env node
// Entry point: TypeScript sources run through ts-node in transpile-only mode (type-checking is `npm run typecheck`).
// cucumber's requireModule registers ts-node again, which looks for a tsconfig from the working directory: point it
// at ours, so the suite runs from any folder (npx in a user's own project).
process.env.TS_NODE_PROJECT ??= require('node:path').join(__dirname, '..', 'tsconfig.json');
process.env.TS_NODE_TRANSPILE_ONLY ??= 'true';
require('ts-node').register({ transpileOnly: true, project: process.env.TS_NODE_PROJECT });
require('../src/runner/cli')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code), (error) => {
    console.error(`invotide-conformance: internal error: ${error && error.stack ? error.stack : error}`);
    process.exit(2);
  });
