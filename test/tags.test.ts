// What a scenario's tags say (src/tags.ts), that the feature files use no tag the suite does not read, and that a
// scenario whose @route tags do not name what it exercised is reported as the suite's own error: cucumber run
// in-process on a throw-away feature with the real steps and hooks, against the reference store.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Contract } from '../src/contract';
import { readScenarios } from '../src/features';
import { ResultCollector } from '../src/reports/results';
import { EVERY_ROUTE_TAG, SELECTION_TAGS, parseTags, routeTagMismatches } from '../src/tags';
import { runFeatures } from './support/cucumber';
import { listeningStore } from './support/store';

describe('parseTags', () => {
  it('reads the id, the level, the class, the routes and the area, inherited tags included', () => {
    assert.deepEqual(parseTags(['@area:cart', '@route:cart/add', '@route:cart/products', '@id:cart-add-simple', '@should', '@writes']), {
      id: 'cart-add-simple', levels: ['should'], level: 'should', class: 'conformance', routes: ['api/cart/add', 'api/cart/products'], area: 'cart',
    });
    assert.equal(parseTags(['@security', '@id:x', '@must']).class, 'security');
  });

  it('takes @must when no level is given, and the weakest of several (the ids test rejects both)', () => {
    assert.equal(parseTags(['@id:x']).level, 'must');
    assert.deepEqual(parseTags(['@must', '@may']).levels, ['must', 'may']);
    assert.equal(parseTags(['@must', '@may']).level, 'may');
  });

  it('has no id when there are two', () => assert.equal(parseTags(['@id:a', '@id:b']).id, undefined));
});

describe('routeTagMismatches', () => {
  const called = (exercised: string[], arranged: string[] = ['api/login']) => ({ arranged, exercised });

  it('agrees when the tags name exactly the routes When and Then steps called', () => {
    assert.deepEqual(routeTagMismatches(['@route:cart/edit', '@route:cart/products'], called(['api/cart/edit', 'api/cart/products'], ['api/login', 'api/cart/add']), true), []);
  });

  it('names a route called but not tagged, and one tagged but not called', () => {
    assert.deepEqual(routeTagMismatches(['@route:currency'], called(['api/cart/products']), true), [
      'called api/cart/products in a When or Then step but has no @route:cart/products tag',
      'is tagged @route:currency but no When or Then step called api/currency',
    ]);
  });

  it('judges a tag never called only on a passed scenario', () => {
    assert.deepEqual(routeTagMismatches(['@route:cart/add', '@route:cart/products'], called(['api/cart/add']), false), []);
  });

  it('leaves api/login out, and a scenario that goes over every route', () => {
    assert.deepEqual(routeTagMismatches([], called(['api/login']), true), []);
    assert.deepEqual(routeTagMismatches(['@route:login', '@route:cart/products'], called(['api/cart/products']), true), []);
    assert.deepEqual(routeTagMismatches([EVERY_ROUTE_TAG], called(['api/cart/add', 'api/currency']), true), []);
  });
});

describe('the feature files', () => {
  const scenarios = readScenarios(path.join(__dirname, '..', 'features'));
  const allTags = (s: (typeof scenarios)[number]) => [...s.tags, ...s.examples.flatMap((ex) => ex.tags)];

  it('use only tags the suite reads: an id, a level, routes, an area, and the selection tags', () => {
    const known = (t: string) => /^@(id|route|area):./.test(t) || ['@must', '@should', '@may', EVERY_ROUTE_TAG, ...SELECTION_TAGS].includes(t);
    assert.deepEqual([...new Set(scenarios.flatMap(allTags).filter((t) => !known(t)))], []);
  });

  it('tag only routes of the contract', () => {
    const routes = new Set(Contract.load().operations().map((o) => o.route));
    const unknown = scenarios.flatMap((s) => s.routes.filter((r) => !routes.has(r)).map((r) => `${s.uri}:${s.line} ${r}`));
    assert.deepEqual(unknown, []);
  });
});

describe('a scenario whose @route tags are wrong', () => {
  const reference = listeningStore();

  it('is a harness error naming the tags to fix; a Given step\'s calls need no tag; a failed one is not judged for a tag never called', async () => {
    const feature = `Feature: route tags
  @route:cart/products @id:right @must
  Scenario: tagged with what it exercised
    Given I am logged in
    And I call "api/currency"
    When I call "api/cart/products"
    Then the answer is the "CartContents" variant

  @route:currency @id:wrong @must
  Scenario: tagged with a route it never called, and without one it did
    Given I am logged in
    When I call "api/cart/products"
    Then the answer is the "CartContents" variant

  @route:cart/products @route:currency @id:failed @must
  Scenario: failed before it called a tagged route
    Given I am logged in
    When I call "api/cart/products"
    Then the answer is the "CurrencyInvalid" variant
`;
    const collector = new ResultCollector();
    await runFeatures({ 'route-tags.feature': feature }, { baseUrl: reference.url, apiKey: reference.store.apiKey }, (e) => collector.handle(e));
    const byId = Object.fromEntries(collector.scenarios.map((s) => [s.id, s]));
    assert.equal(byId.right.outcome, 'passed', byId.right.reason);
    assert.equal(byId.wrong.outcome, 'harness-error');
    assert.match(byId.wrong.reason ?? '', /the suite's own route tags are wrong \(a harness error, not the store's\)/);
    assert.match(byId.wrong.reason ?? '', /called api\/cart\/products in a When or Then step but has no @route:cart\/products tag; is tagged @route:currency but no When or Then step called api\/currency/);
    assert.equal(byId.failed.outcome, 'failed');
    assert.doesNotMatch(byId.failed.reason ?? '', /route tags/);
  });
});
