// cucumber-js's support-code functions (Given, Before, setWorldConstructor, ...) without its command line. The
// package's main module loads the whole CLI (argument parser, configuration, formatters, the API) with them: about a
// third of the CPU a worker spends before its first scenario, which each of a parallel run's workers repeats side by
// side. These are the very functions of that module, from the same files (test/cucumber-support.test.ts checks it).
import { TestStepResultStatus } from '@cucumber/messages';
import supportCodeLibraryBuilder from '@cucumber/cucumber/lib/support_code_library_builder/index';
import World from '@cucumber/cucumber/lib/support_code_library_builder/world';

export type { DataTable, IWorldOptions } from '@cucumber/cucumber';
export { World };
export const Status = TestStepResultStatus;
export const {
  After,
  AfterAll,
  AfterStep,
  Before,
  BeforeAll,
  Given,
  When,
  Then,
  defineParameterType,
  setDefinitionFunctionWrapper,
  setWorldConstructor,
} = supportCodeLibraryBuilder.methods;
