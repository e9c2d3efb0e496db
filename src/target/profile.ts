// One typed model of the target: what the suite knows of the store it judges, built once per run from the fixtures
// file and what the fixture check found (src/runner/fixture-check.ts), then handed to every worker as plain JSON. The
// fixture check, the scenarios (through the World's `target`) and every report read this one model: the release and
// its traits, the shop settings, the language of the store's messages, the currencies with their exact rates and the
// data roles. Where a fact came from (declared in the fixtures, learned from the store's answers, or the default of a
// stock install) travels with it, so a report can say what the store was judged under.
import { MissingDatumError, assertNotLacking, fixtureAt, interpolate, type FixtureValue, type Fixtures, type Lacking } from '../fixtures';
import { DEFAULT_RELEASE, describeReleases, isRelease, releaseTraits, type ReleaseTraits, type ReleaseVersion } from './release';
import { releasesMatching, type ReleaseObservation } from './learn-release';
import { languageOf } from './language';
import { SETTINGS, defaultSettings, describeSetting, parseSettingValue, type SettingKey, type SettingValue, type StoreSettings } from './settings';

/** Where a fact about the target came from. */
export type Source = 'declared' | 'learned' | 'default';

export interface ReleaseFinding {
  version: ReleaseVersion;
  source: Source;
  /** The releases the store's answers cannot tell apart from `version` (one when declared). */
  candidates: ReleaseVersion[];
  /** What the store answered that told it (learned), or what the fixtures said (declared). */
  evidence: string[];
}

export interface LanguageFinding {
  /** The catalog language code (`config_language`), e.g. en-gb. */
  code: string;
  source: Source;
  /** Whether the store's messages are OpenCart's English ones (en-gb as installed). */
  english: boolean;
  /** The store's own texts by `<file>.<key>` (`api/cart.text_success`), when the fixtures name its language files. */
  texts?: Record<string, string>;
  /** Where the texts came from, for the reports. */
  textsFrom?: string;
  /** A message of the store's that told it is not English. */
  evidence?: string;
}

export interface SettingFinding {
  value: SettingValue;
  source: Source;
}

export interface TargetProfile {
  /** The fixtures' name. */
  name: string;
  release: ReleaseFinding;
  language: LanguageFinding;
  settings: Record<SettingKey, SettingFinding>;
  /** The target's data roles and configuration, as declared and then corrected by what was learned (exact rates). */
  fixtures: Fixtures;
  /** Data the fixtures name that the target lacks ("coupons.percent" → what the fixture check found instead). */
  lacking: Lacking;
}

/** The profile a fixtures file declares, before the store is asked anything. */
export function declaredProfile(fixtures: Fixtures): TargetProfile {
  const declaredRelease = fixtures.release;
  const release: ReleaseFinding = isRelease(declaredRelease)
    ? { version: declaredRelease, source: 'declared', candidates: [declaredRelease], evidence: [`the fixtures name release ${declaredRelease}`] }
    : { version: DEFAULT_RELEASE, source: 'default', candidates: [DEFAULT_RELEASE], evidence: [] };
  const settings = Object.fromEntries(Object.entries(defaultSettings()).map(([k, v]) => [k, { value: v, source: 'default' as Source }])) as Record<SettingKey, SettingFinding>;
  const declared = fixtures.settings;
  if (declared && typeof declared === 'object' && !Array.isArray(declared)) {
    for (const [key, raw] of Object.entries(declared)) {
      if (key === '$comment') continue;
      settings[key as SettingKey] = { value: parseSettingValue(key as SettingKey, raw as FixtureValue), source: 'declared' };
    }
  }
  // The language finding is the fixtures' language section itself (one object, its texts read from the folder it
  // names), so what the fixture check learns of it (src/target/learners/language.ts) is the profile's.
  const language = languageOf(fixtures);
  fixtures.language = language as unknown as FixtureValue;
  return {
    name: fixtures.name,
    release,
    language,
    settings,
    fixtures,
    lacking: {},
  };
}

/**
 * The release, settled with what the store's answers told: a declared release they contradict is a configuration
 * error with both readings (returned, for the fixture check's list); without one, the releases they allow (the
 * newest is judged, and a trait on which the candidates differ makes its scenarios not applicable).
 */
export function settleRelease(profile: TargetProfile, observations: ReleaseObservation[]): string | undefined {
  const evidence = observations.map((o) => o.evidence);
  const declared = profile.release.source === 'declared' ? profile.release.version : undefined;
  if (declared) {
    const contradicted = observations.filter((o) => !releasesMatching([o], [declared]).length);
    if (!contradicted.length) return undefined;
    const fits = describeReleases(releasesMatching(observations));
    return `the fixtures name release ${declared}, but ${contradicted.map((o) => o.evidence).join(' and ')}, as ${fits === 'no release' ? 'no 3.0.x release does' : `release ${fits} does`}: ` +
      `either the store runs another release (name it), or its files were changed from ${declared}'s (then the scenarios that depend on it will say so)`;
  }
  const candidates = releasesMatching(observations);
  if (!candidates.length) {
    // Answers no single release gives (a proxy that drops headers, a patched file): judged as the default, said so.
    profile.release = { version: DEFAULT_RELEASE, source: 'default', candidates: [DEFAULT_RELEASE], evidence: [...evidence, `no 3.0.x release answers like this; judged as ${DEFAULT_RELEASE}`] };
    return undefined;
  }
  profile.release = { version: candidates[candidates.length - 1], source: 'learned', candidates, evidence };
  return undefined;
}

/** The model as the scenarios, the fixture check and the reports read it. */
export class Target {
  readonly release: ReleaseTraits;
  readonly settings: StoreSettings;

  constructor(readonly profile: TargetProfile) {
    this.release = releaseTraits(profile.release.version);
    this.settings = Object.fromEntries(Object.entries(profile.settings).map(([k, f]) => [k, f.value])) as StoreSettings;
  }

  get name(): string {
    return this.profile.name;
  }

  /**
   * A release trait a scenario's expectation follows. When the store's answers left several releases open and they
   * differ in it, the scenario cannot be judged: not applicable, saying how to settle it.
   */
  trait<T extends keyof Omit<ReleaseTraits, 'version'>>(name: T): ReleaseTraits[T] {
    const values = new Set(this.profile.release.candidates.map((v) => releaseTraits(v)[name]));
    if (values.size > 1) {
      throw new NotApplicableError(`releases ${describeReleases(this.profile.release.candidates)} differ here (${name}) and the store's answers could not tell which it runs: name its release in the fixtures ("release")`);
    }
    return this.release[name];
  }

  get language(): LanguageFinding {
    return this.profile.language;
  }

  /** A datum of the fixtures, undefined when they name none; a datum the target lacks skips the scenario. */
  fixture(path: string): FixtureValue | undefined {
    assertNotLacking(this.profile.lacking, path);
    return fixtureAt(this.profile.fixtures, path);
  }

  /** A feature-table cell with every {{dotted.path}} replaced by its datum. */
  interpolate(text: string): string {
    return interpolate(this.profile.fixtures, text, this.profile.lacking);
  }

  /** Where a setting's value came from. */
  settingSource(key: SettingKey): Source {
    return this.profile.settings[key].source;
  }

  /** "config_stock_checkout = 1 (learned)": a setting as the reports and reasons name it. */
  describeSetting(key: SettingKey): string {
    return describeSetting(key, this.settings[key], this.settingSource(key));
  }

  /** Skips the scenario, naming the datum, when the fixtures name no such datum. */
  required(path: string): FixtureValue {
    const v = this.fixture(path);
    if (v === undefined) throw MissingDatumError.inFixtures(path);
    return v;
  }
}

/**
 * A scenario that cannot be judged on this target as it is (a trait its release leaves open, a setting under which it
 * has nothing to check): not applicable with this reason, never passed and never the store's failure.
 */
export class NotApplicableError extends Error {
  override name = 'NotApplicableError';
}

/** What a report says the store was judged under: the release, the language and every setting not at its default. */
export interface JudgedUnder {
  release: string;
  releaseSource: Source;
  language: string;
  languageSource: Source;
  /** Every inventoried setting, its value and where the value came from. */
  settings: Array<{ key: SettingKey; value: SettingValue; source: Source; label: string }>;
}

export function judgedUnder(profile: TargetProfile): JudgedUnder {
  return {
    release: profile.release.source === 'learned' ? describeReleases(profile.release.candidates) : profile.release.version,
    releaseSource: profile.release.source,
    language: profile.language.code + (profile.language.english ? '' : ' (not English)'),
    languageSource: profile.language.source,
    settings: (Object.keys(SETTINGS) as SettingKey[]).map((key) => ({ key, value: profile.settings[key].value, source: profile.settings[key].source, label: SETTINGS[key].label })),
  };
}
