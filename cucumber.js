// Static cucumber-js configuration. The runner (src/runner) adds the target, tags, parallelism and reports;
// run the suite with `npm run conformance`, not cucumber-js directly, so a target is always resolved first. From the
// build (dist/), the runner loads the compiled steps instead of `require` and `requireModule` below.
const common = {
  paths: ['features/**/*.feature'],
  requireModule: ['ts-node/register/transpile-only'],
  require: ['steps/**/*.ts'],
  strict: true,
};

module.exports = {
  default: common,
  // Mutation testing (npm run mutation:stryker): the store runs in-process, no reports but Stryker's.
  stryker: { ...common, tags: 'not @negative' },
};
