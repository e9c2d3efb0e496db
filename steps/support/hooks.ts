// Capability gates (a scenario that cannot run on this target is skipped with its reason, never passed),
// clean-up of what a scenario created, and the guard against scenarios that check nothing.
import { After, AfterAll, Before, Status, setDefinitionFunctionWrapper } from '@cucumber/cucumber';
import { MissingDatumError, assertNotLacking } from '../../src/fixtures';
import { closeWorkerClient } from '../../src/run-parameters';
import type { ConformanceWorld } from './world';

// A datum the target lacks (or the fixtures do not name) skips the scenario with its reason, from whichever step
// needed it: one outcome everywhere, never the store's failure and never the harness's.
setDefinitionFunctionWrapper((fn: (this: ConformanceWorld, ...args: unknown[]) => unknown) => async function (this: ConformanceWorld, ...args: unknown[]) {
  try {
    return await fn.apply(this, args);
  } catch (error) {
    if (error instanceof MissingDatumError) return this.skip(error.message);
    throw error;
  }
});

Before({ tags: '@writes' }, function (this: ConformanceWorld) {
  if (!this.parameters.allowWrites) return this.skip('writes orders, and writes are not allowed for this target (set INVOTIDE_ALLOW_WRITES=true or --allow-writes)');
});

Before({ tags: '@restricted-user' }, function (this: ConformanceWorld) {
  if (!this.parameters.restrictedUsername) return this.skip('needs a restricted API user (set INVOTIDE_RESTRICTED_USERNAME and INVOTIDE_RESTRICTED_KEY)');
  assertNotLacking(this.parameters.lacking ?? {}, 'api_users.restricted');
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

// One After hook, not two: Allure writes a container file per hook and scenario, and files are most of its cost.
After(async function (this: ConformanceWorld, { result }) {
  const unchecked = result?.status === Status.PASSED && this.last && !this.lastChecked ? this.last.route : undefined;
  // Orders a scenario created are deleted even when a step failed, so a staging store keeps no test orders.
  for (const { session, orderId } of this.createdOrders.splice(0)) {
    await this.session(session).call({ route: 'api/order/delete', query: { order_id: orderId }, allowViolation: true }).catch(() => undefined);
  }
  if (unchecked) throw new Error(`the scenario passed without checking the last answer (${unchecked}): add a Then step`);
});

AfterAll(async function () {
  await closeWorkerClient();
});
