// What a scenario's tags say, read in this one place. A scenario carries its own tags and those of its Feature, Rule
// and Examples block, as cucumber gives them to a pickle:
//   @id:<id>             its stable id (an example row's is <id>#<row>)
//   @must @should @may   its level: what its failure means for the gate
//   @route:<route>       a route it exercises, without `api/` (@route:cart/add); held to its calls (routeTagMismatches)
//   @every-route         it goes over every route, which no tag could name
//   @area:<area>         the feature's subject, which groups results (else the feature file's name)
//   @security            a security audit, reported apart from conformance
// The selection tags are read by hooks (steps/support) and by tag expressions (--tags, cucumber.js), not parsed.

export type Level = 'must' | 'should' | 'may';
export type ScenarioClass = 'conformance' | 'security';

export const SECURITY_TAG = '@security';
const ID = '@id:';
const ROUTE = '@route:';
const AREA = '@area:';
const LEVEL_TAGS: Record<string, Level> = { '@must': 'must', '@should': 'should', '@may': 'may' };

/** Tags that choose which scenarios run, or how: each is read by a hook, the runner or a tag expression. */
export const SELECTION_TAGS = [
  '@writes', // writes orders: skipped unless writes are allowed (steps/support/hooks.ts)
  '@restricted-user', // needs the restricted API user (hooks.ts)
  '@disabled-user', // needs the disabled API user (hooks.ts)
  '@alternate-address', // needs a source address the target does not allow (hooks.ts)
  '@embedded-only', // ages session data, which only the embedded store can (hooks.ts)
  '@store-admin', // adds API users of its own through the embedded store (steps/security.steps.ts)
  '@login-storm', // opt-in burst of logins (steps/security.steps.ts)
  '@negative', // the generated hostile-input suite (left out of mutation runs by cucumber.js)
  SECURITY_TAG,
] as const;

/** Marks scenarios that go over every route (see routeTagMismatches). */
export const EVERY_ROUTE_TAG = '@every-route';

/** Every scenario logs in, so api/login is left out of the route check: its tag only says login is the subject. */
export const LOGIN_ROUTE = 'api/login';

export interface ScenarioTags {
  /** The @id's value; undefined when there is none or more than one (test/scenario-ids.test.ts rejects both). */
  id?: string;
  /** Every level tag given, for the check that there is exactly one. */
  levels: Level[];
  /** The level that counts: @may, else @should, else @must (the default). */
  level: Level;
  class: ScenarioClass;
  /** From the @route tags, as the API writes them: api/cart/add. */
  routes: string[];
  area?: string;
}

export function parseTags(tags: readonly string[]): ScenarioTags {
  const ids = tags.filter((t) => t.startsWith(ID)).map((t) => t.slice(ID.length));
  const levels = tags.filter((t) => t in LEVEL_TAGS).map((t) => LEVEL_TAGS[t]);
  return {
    id: ids.length === 1 ? ids[0] : undefined,
    levels,
    level: levels.includes('may') ? 'may' : levels.includes('should') ? 'should' : 'must',
    class: tags.includes(SECURITY_TAG) ? 'security' : 'conformance',
    routes: [...new Set(tags.filter((t) => t.startsWith(ROUTE)).map(routeOfTag))],
    area: tags.find((t) => t.startsWith(AREA))?.slice(AREA.length),
  };
}

/** `@route:cart/add` → `api/cart/add`. */
export const routeOfTag = (tag: string): string => `api/${tag.slice(ROUTE.length)}`;
/** `api/cart/add` → `@route:cart/add`. */
export const tagOfRoute = (route: string): string => `${ROUTE}${route.replace(/^api\//, '')}`;
/** The pattern of a route tag, its route without `api/` captured (for reporters that link by tag). */
export const ROUTE_TAG_PATTERN = /^@route:(.*)$/;

/** The routes a scenario's steps called: Given steps arrange (log in, fill the cart, prepare an order), When and Then steps exercise. */
export interface RoutesCalled {
  arranged: Iterable<string>;
  exercised: Iterable<string>;
}

/**
 * Where a scenario's @route tags and the routes its steps called disagree, one line per mismatch; empty when they
 * agree. The tags name what the scenario exercises, so:
 * - every route a When or Then step called must be tagged, whatever the outcome (a failed step called what it
 *   called); a route that only Given steps called needs no tag: the arrangement is not the subject;
 * - every tagged route must have been called by a When or Then step, judged only on a passed scenario (a failed or
 *   skipped one may have stopped before the call);
 * - api/login is left out: every scenario logs in, so its tag says only that login is the subject (login.feature);
 * - a scenario tagged @every-route goes over every route, or the one an Examples column names: no tag could name its
 *   routes, which the report takes from what it called.
 * `called` holds the steps' calls only: the After hook's clean-up is not the scenario's.
 */
export function routeTagMismatches(tags: readonly string[], called: RoutesCalled, passed: boolean): string[] {
  if (tags.includes(EVERY_ROUTE_TAG)) return [];
  const tagged = parseTags(tags).routes.filter((r) => r !== LOGIN_ROUTE);
  const exercised = new Set(called.exercised);
  exercised.delete(LOGIN_ROUTE);
  const untagged = [...exercised].filter((r) => !tagged.includes(r));
  const uncalled = passed ? tagged.filter((r) => !exercised.has(r)) : [];
  return [
    ...untagged.map((r) => `called ${r} in a When or Then step but has no ${tagOfRoute(r)} tag`),
    ...uncalled.map((r) => `is tagged ${tagOfRoute(r)} but no When or Then step called ${r}`),
  ];
}
