// The scenarios as written: parsed from features/*.feature with cucumber's own Gherkin parser.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type Scenario, type Tag } from '@cucumber/messages';

export interface WrittenScenario {
  uri: string;
  feature: string;
  name: string;
  /** Feature, rule and scenario tags together, as cucumber gives them to a pickle (examples' tags aside). */
  tags: string[];
  id?: string;
  levels: string[];
  outline: boolean;
}

const LEVELS = ['@must', '@should', '@may'];

export function readScenarios(featuresDir: string): WrittenScenario[] {
  const out: WrittenScenario[] = [];
  for (const file of readdirSync(featuresDir).filter((f) => f.endsWith('.feature')).sort()) {
    const uri = path.join(path.basename(featuresDir), file);
    const parser = new Parser(new AstBuilder(IdGenerator.uuid()), new GherkinClassicTokenMatcher());
    const doc = parser.parse(readFileSync(path.join(featuresDir, file), 'utf8'));
    const feature = doc.feature;
    if (!feature) continue;
    const names = (tags: readonly Tag[]) => tags.map((t) => t.name);
    const add = (sc: Scenario, inherited: string[]) => {
      const tags = [...inherited, ...names(sc.tags)];
      const ids = tags.filter((t) => t.startsWith('@id:'));
      out.push({
        uri,
        feature: feature.name,
        name: sc.name,
        tags,
        id: ids.length === 1 ? ids[0].slice(4) : undefined,
        levels: tags.filter((t) => LEVELS.includes(t)),
        outline: sc.examples.length > 0,
      });
    };
    for (const child of feature.children) {
      if (child.scenario) add(child.scenario, names(feature.tags));
      for (const rc of child.rule?.children ?? []) if (rc.scenario) add(rc.scenario, [...names(feature.tags), ...names(child.rule!.tags)]);
    }
  }
  return out;
}
