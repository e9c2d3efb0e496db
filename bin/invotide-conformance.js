#!/usr/bin/env node
// Entry point of every command (run, provision, report, docs, store): the compiled build while it is up to date, else
// the TypeScript sources (see build.js). The parent is read before anything loads: `store` stops when it goes.
const parent = process.ppid;
const { requireProject, NoBuildError } = require('./build');

let cli;
try {
  cli = requireProject('src/runner/cli');
} catch (error) {
  console.error(`invotide-conformance: ${error instanceof NoBuildError ? error.message : `cannot load: ${error && error.stack ? error.stack : error}`}`);
  process.exit(2);
}
cli.main(process.argv.slice(2), parent).then((code) => process.exit(code), (error) => {
  console.error(`invotide-conformance: internal error: ${error && error.stack ? error.stack : error}`);
  process.exit(2);
});
