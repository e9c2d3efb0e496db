// The scenarios as the documentation shows them: parsed from features/*.feature with cucumber's own Gherkin parser,
// with their steps (the feature's and rule's Background first), data tables, doc strings and Examples tables.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type Background, type Step, type Tag } from '@cucumber/messages';

export interface DocStep {
  keyword: string;
  text: string;
  /** True for a Background step (run before every scenario of the feature or rule). */
  background: boolean;
  dataTable?: string[][];
  docString?: string;
}

export interface DocExamples {
  name: string;
  header: string[];
  rows: string[][];
}

export interface DocScenario {
  /** The @id tag's value, the key that links a written scenario to its results. */
  id?: string;
  name: string;
  keyword: string;
  feature: string;
  /** features/<file>.feature, as cucumber reports it in report.json. */
  uri: string;
  rule?: string;
  tags: string[];
  /** From @route:<route> tags, written as the API does: api/cart/add. */
  routes: string[];
  steps: DocStep[];
  examples: DocExamples[];
}

export function readDocScenarios(root: string): DocScenario[] {
  const dir = path.join(root, 'features');
  if (!existsSync(dir)) return [];
  const out: DocScenario[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.feature')).sort()) {
    const uri = `features/${file}`;
    const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
    const feature = parser.parse(readFileSync(path.join(dir, file), 'utf8')).feature;
    if (!feature) continue;
    const names = (tags: readonly Tag[]) => tags.map((t) => t.name);
    const steps = (bg: Background | undefined, background: boolean) => (bg?.steps ?? []).map((s) => docStep(s, background));
    const featureBackground = feature.children.find((c) => c.background)?.background;
    for (const child of feature.children) {
      const inRule = child.rule ? child.rule.children : [child];
      const ruleBackground = child.rule?.children.find((c) => c.background)?.background;
      for (const c of inRule) {
        const sc = c.scenario;
        if (!sc) continue;
        const tags = [...names(feature.tags), ...names(child.rule?.tags ?? []), ...names(sc.tags)];
        const ids = tags.filter((t) => t.startsWith('@id:'));
        out.push({
          id: ids.length === 1 ? ids[0].slice(4) : undefined,
          name: sc.name,
          keyword: sc.keyword,
          feature: feature.name,
          uri,
          rule: child.rule?.name,
          tags,
          routes: tags.filter((t) => t.startsWith('@route:')).map((t) => `api/${t.slice(7)}`),
          steps: [...steps(featureBackground, true), ...steps(ruleBackground, true), ...sc.steps.map((s) => docStep(s, false))],
          examples: sc.examples.map((ex) => ({
            name: ex.name,
            header: ex.tableHeader?.cells.map((cell) => cell.value) ?? [],
            rows: ex.tableBody.map((row) => row.cells.map((cell) => cell.value)),
          })),
        });
      }
    }
  }
  return out;
}

function docStep(step: Step, background: boolean): DocStep {
  return {
    keyword: step.keyword.trim(),
    text: step.text,
    background,
    dataTable: step.dataTable?.rows.map((r) => r.cells.map((c) => c.value)),
    docString: step.docString?.content,
  };
}
