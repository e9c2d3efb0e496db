// Capability gates (a scenario that cannot run on this target is skipped with its reason, never passed),
// clean-up of what a scenario created, and the guard against scenarios that check nothing.
import { After, AfterAll, Before, Status } from '@cucumber/cucumber';
import { closeWorkerClient } from '../../src/run-parameters';
import type { ConformanceWorld } from './world';

Before({ tags: '@writes' }, function (this: ConformanceWorld) {
  if (!this.parameters.allowWrites) return this.skip('writes orders, and writes are not allowed for this target (set INVOTIDE_ALLOW_WRITES=true or --allow-writes)');
});

Before({ tags: '@restricted-user' }, function (this: ConformanceWorld) {
  if (!this.parameters.restrictedUsername) return this.skip('needs a restricted API user (set INVOTIDE_RESTRICTED_USERNAME and INVOTIDE_RESTRICTED_KEY)');
});

Before({ tags: '@alternate-address' }, function (this: ConformanceWorld) {
  if (!this.parameters.alternateSourceAddress) return this.skip('needs a local address the target does not allow (set INVOTIDE_ALTERNATE_SOURCE_ADDRESS)');
});

Before({ tags: '@embedded-only' }, function (this: ConformanceWorld) {
  if (!this.parameters.controlUrl) return this.skip('ages the store\'s session data, which only the embedded reference store allows');
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
