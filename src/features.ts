// The scenarios as written, parsed once from features/*.feature with cucumber's own Gherkin parser: for the id and
// level checks (test/scenario-ids.test.ts) and the living documentation (src/docs), with what the docs show of each.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type Background, type Step, type Tag } from '@cucumber/messages';
import { parseTags, type Level } from './tags';

export interface WrittenStep {
  keyword: string;
  text: string;
  /** True for a Background step (run before every scenario of the feature or rule). */
  background: boolean;
  dataTable?: string[][];
  docString?: string;
}

export interface WrittenExamples {
  name: string;
  /** The Examples block's own tags (its rows' pickles carry them too). */
  tags: string[];
  header: string[];
  rows: string[][];
}

export interface WrittenScenario {
  /** The @id tag's value, the key that links a written scenario to its results. */
  id?: string;
  /** Every level tag it has (exactly one, test/scenario-ids.test.ts checks). */
  levels: Level[];
  name: string;
  keyword: string;
  feature: string;
  /** features/<file>.feature, as cucumber reports it in report.json. */
  uri: string;
  line: number;
  rule?: string;
  /** Feature, rule and scenario tags together, as cucumber gives them to a pickle (its Examples' tags aside). */
  tags: string[];
  /** From the @route tags of the scenario and of any of its Examples blocks, as the API writes them: api/cart/add. */
  routes: string[];
  /** The Background steps of the feature and the rule first, then its own. */
  steps: WrittenStep[];
  examples: WrittenExamples[];
}

export function readScenarios(featuresDir: string): WrittenScenario[] {
  if (!existsSync(featuresDir)) return [];
  const out: WrittenScenario[] = [];
  for (const file of readdirSync(featuresDir).filter((f) => f.endsWith('.feature')).sort()) {
    const uri = `${path.basename(featuresDir)}/${file}`;
    const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
    const feature = parser.parse(readFileSync(path.join(featuresDir, file), 'utf8')).feature;
    if (!feature) continue;
    const names = (tags: readonly Tag[]) => tags.map((t) => t.name);
    const backgroundSteps = (bg: Background | undefined) => (bg?.steps ?? []).map((s) => writtenStep(s, true));
    const featureBackground = feature.children.find((c) => c.background)?.background;
    for (const child of feature.children) {
      const inRule = child.rule ? child.rule.children : [child];
      const ruleBackground = child.rule?.children.find((c) => c.background)?.background;
      for (const sc of inRule.map((c) => c.scenario)) {
        if (!sc) continue;
        const tags = [...names(feature.tags), ...names(child.rule?.tags ?? []), ...names(sc.tags)];
        const { id, levels, routes } = parseTags(tags);
        const examples = sc.examples.map((ex) => ({
          name: ex.name,
          tags: names(ex.tags),
          header: ex.tableHeader?.cells.map((cell) => cell.value) ?? [],
          rows: ex.tableBody.map((row) => row.cells.map((cell) => cell.value)),
        }));
        out.push({
          id,
          levels,
          name: sc.name,
          keyword: sc.keyword,
          feature: feature.name,
          uri,
          line: sc.location.line,
          rule: child.rule?.name,
          tags,
          routes: [...new Set([...routes, ...examples.flatMap((ex) => parseTags(ex.tags).routes)])],
          steps: [...backgroundSteps(featureBackground), ...backgroundSteps(ruleBackground), ...sc.steps.map((s) => writtenStep(s, false))],
          examples,
        });
      }
    }
  }
  return out;
}

function writtenStep(step: Step, background: boolean): WrittenStep {
  return {
    keyword: step.keyword.trim(),
    text: step.text,
    background,
    dataTable: step.dataTable?.rows.map((r) => r.cells.map((c) => c.value)),
    docString: step.docString?.content,
  };
}
