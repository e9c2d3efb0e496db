#!/usr/bin/env node
// Entry point: the compiled build while it is up to date, else the TypeScript sources (see build.js).
const { requireProject } = require('./build');

requireProject('src/runner/cli')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code), (error) => {
    console.error(`invotide-conformance: internal error: ${error && error.stack ? error.stack : error}`);
    process.exit(2);
  });
