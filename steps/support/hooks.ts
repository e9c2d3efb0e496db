// Capability gates (a scenario that cannot run on this target is skipped with its reason, never passed),
// clean-up of what a scenario created, the guard against scenarios that check nothing, and the check that a
// scenario's @route tags name the routes it exercised.
import { After, AfterAll, AfterStep, Before, BeforeAll, Status, setDefinitionFunctionWrapper } from './cucumber';
import { PickleStepType } from '@cucumber/messages';
import { MissingDatumError } from '../../src/fixtures';
import { NotApplicableError } from '../../src/target/profile';
import { closeWorkerClient, type RunParameters } from '../../src/run-parameters';
import { awaitTargetProfile } from '../../src/runner/profile-handoff';
import { settleWorkerLoginsAhead } from '../../src/login-ahead';
import { routeTagMismatches } from '../../src/tags';
import { appendScenario } from '../../src/exchanges/record';
import type { ConformanceWorld } from './world';

// A datum the target lacks (or the fixtures do not name) skips the scenario with its reason, from whichever step
// needed it; a scenario the target's release or settings leave nothing to judge is not applicable: one outcome
// everywhere, never the store's failure and never the harness's.
setDefinitionFunctionWrapper((fn: (this: ConformanceWorld, ...args: unknown[]) => unknown) => async function (this: ConformanceWorld, ...args: unknown[]) {
  try {
    return await fn.apply(this, args);
  } catch (error) {
    if (error instanceof MissingDatumError) return this.skip(error.message);
    if (error instanceof NotApplicableError) return this.notApplicable(error.message);
    throw error;
  }
});

// The workers of a parallel run start while the fixture check runs, and wait here for the target's profile before any
// scenario (src/runner/profile-handoff.ts); without a time limit, since the check takes what the store takes. A check
// that ends the run sends them away.
BeforeAll({ timeout: -1 }, async function () {
  if ((await awaitTargetProfile(this.parameters as unknown as RunParameters)) === 'ready') return;
  if (process.env.CUCUMBER_WORKER_ID !== undefined) process.exit(0);
  throw new Error('the run ended before its scenarios');
});

Before({ tags: '@writes' }, function (this: ConformanceWorld) {
  if (!this.parameters.allowWrites) return this.skip('writes orders, and writes are not allowed for this target (set INVOTIDE_ALLOW_WRITES=true or --allow-writes)');
});

Before({ tags: '@restricted-user' }, function (this: ConformanceWorld) {
  if (!this.parameters.restrictedUsername) return this.skip('needs a restricted API user (set INVOTIDE_RESTRICTED_USERNAME and INVOTIDE_RESTRICTED_KEY)');
  this.target.fixture('api_users.restricted');
});

Before({ tags: '@disabled-user' }, function (this: ConformanceWorld) {
  if (!this.parameters.disabledUsername) return this.skip('needs a disabled API user (set INVOTIDE_DISABLED_USERNAME and INVOTIDE_DISABLED_KEY; `invotide-conformance provision` adds one)');
});

Before({ tags: '@alternate-address' }, function (this: ConformanceWorld) {
  if (!this.parameters.alternateSourceAddress) return this.skip('needs a local address the target does not allow (set INVOTIDE_ALTERNATE_SOURCE_ADDRESS)');
});

// Not a skip: such a scenario can never run on a remote target, so it is not applicable there (and no gate counts it).
Before({ tags: '@embedded-only' }, function (this: ConformanceWorld) {
  if (!this.parameters.controlUrl) return this.notApplicable('ages the store\'s session data, which only the embedded reference store can do');
});

// The routes a scenario's steps called, sorted after each step by what the step does (a Given step, and an And or
// But after one, arranges), for the check of its @route tags. Per step, not per scenario: a When step may call again
// a route a Given step called, and that call counts.
AfterStep(function (this: ConformanceWorld, { pickleStep }) {
  const into = pickleStep.type === PickleStepType.CONTEXT ? this.stepRoutes.arranged : this.stepRoutes.exercised;
  for (const route of this.routesCalled) into.add(route);
  this.routesCalled.clear();
  this.step++;
});

// One After hook, not two: Allure writes a container file per hook and scenario, and files are most of its cost.
After(async function (this: ConformanceWorld, { pickle, result }) {
  const unchecked = result?.status === Status.PASSED && this.last && !this.lastChecked ? this.last.route : undefined;
  // Judged before the clean-up below, whose calls are the hook's, not the scenario's.
  const routeMismatches = routeTagMismatches(pickle.tags.map((t) => t.name), this.stepRoutes, result?.status === Status.PASSED);
  this.step = 0;
  // Orders a scenario created are deleted even when a step failed, so a staging store keeps no test orders.
  for (const { session, orderId } of this.createdOrders.splice(0)) {
    await this.session(session).call({ route: 'api/order/delete', query: { order_id: orderId }, allowViolation: true }).catch(() => undefined);
  }
  if (this.parameters.exchangesDir) appendScenario(this.parameters.exchangesDir, pickle.id, { steps: pickle.steps.map((s) => s.text), exchanges: this.exchanges });
  if (unchecked) throw new Error(`the scenario passed without checking the last answer (${unchecked}): add a Then step`);
  if (routeMismatches.length) throw new RouteTagError(pickle.uri, routeMismatches);
});

AfterAll(async function () {
  await settleWorkerLoginsAhead();
  await closeWorkerClient();
});

/**
 * The suite's own error, never the store's: a scenario's @route tags do not say what it exercised (see
 * routeTagMismatches). Its class is none of the store's failures, so the report counts it a harness error.
 */
export class RouteTagError extends Error {
  constructor(uri: string, mismatches: string[]) {
    super(`the suite's own route tags are wrong (a harness error, not the store's): this scenario ${mismatches.join('; ')}. Fix the @route tags in ${uri}.`);
  }
}
