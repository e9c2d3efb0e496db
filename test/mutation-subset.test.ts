// The suite keeps its teeth: the faults of the mission's named scenarios are each caught by a failing scenario.
// (The whole catalogue is `npm run mutation:catalogue`; it is not part of npm test.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judge } from './mutation/catalogue';
import { FAULTS, MISSION_FAULTS } from './mutation/faults';

describe('mutation catalogue, mission subset', () => {
  for (const name of MISSION_FAULTS) {
    it(`kills ${name}`, async () => {
      const fault = FAULTS.find((f) => f.name === name);
      assert.ok(fault, `no fault named ${name}`);
      const verdict = await judge(fault);
      assert.ok(verdict.killed, `${name} survived: no scenario failed (${fault.rule})`);
    });
  }
});
