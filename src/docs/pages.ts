// The pages of the living documentation: the conformance matrix (index.html) and one page per route.
import type { DocField, DocOperation } from './contract';
import { html, jsonBlock, markdown, inlineMarkdown, outcomeBadge, page, statusBadge, type Html } from './html';
import { isSecurity, resultsForRoute, resultsForScenario, tally, tallyText, worstOutcome, type Examples, type LastRun, type RunScenario } from './results';
import { SOURCE_WORDS, notAtDefault, type JudgedUnder } from '../reports/judged-under';
import { deviationText } from '../reports/results';
import { countText } from '../reports/vocabulary';
import type { WrittenScenario, WrittenStep } from '../features';

export const NOT_RUN_YET = 'not run yet';

export interface Site {
  title: string;
  operations: DocOperation[];
  scenarios: WrittenScenario[];
  run?: LastRun;
  examples?: Examples;
}

/** The file name of a route page; operationIds are identifiers, anything else is replaced to stay a safe file name. */
export function routeFile(op: DocOperation): string {
  return `routes/${op.operationId.replace(/[^A-Za-z0-9_-]/g, '_')}.html`;
}

/** The operation in Redocly's page (api.html routes by hash: #/<tag>/<operationid in lower case>). */
export function referenceLink(op: DocOperation): string {
  return op.tags.length ? `../api.html#/${encodeURIComponent(op.tags[0])}/${encodeURIComponent(op.operationId.toLowerCase())}` : '../api.html';
}

function runSummary(run: LastRun | undefined): Html {
  if (!run) return html`<p class="note" id="run-status">No conformance run has been recorded: ${NOT_RUN_YET}. Run <code>npm run conformance</code>, then <code>npm run docs</code>.</p>`;
  if (run.error) return html`<p class="note" id="run-status">The last run did not take place: ${run.error.kind} error (exit code 2): ${run.error.message}</p>`;
  const conformance = run.scenarios.filter((s) => !isSecurity(s));
  const security = run.scenarios.filter(isSecurity);
  const when = run.startedAt ? new Date(run.startedAt) : undefined;
  return html`<dl class="meta" id="run-status">
<dt>Target</dt><dd>${run.target?.embedded ? 'the embedded reference store' : run.target?.url ?? 'unknown'}</dd>
<dt>Run started</dt><dd>${when && !Number.isNaN(when.getTime()) ? when.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : 'unknown'}</dd>
<dt>Conformance scenarios</dt><dd id="conformance-counts">${tallyText(tally(conformance))}</dd>
${security.length ? html`<dt>Security scenarios</dt><dd id="security-counts">${securityText(security)}</dd>` : ''}
${run.verdict ? html`<dt>Gate</dt><dd><code>${run.verdict.line}</code> (exit code ${run.verdict.exitCode})</dd>` : ''}
${run.diff ? html`<dt>What changed</dt><dd id="diff-summary">${diffText(run.diff)}</dd>` : ''}
</dl>
${judgedUnderSection(run.target?.judgedUnder)}`;
}

/** The behaviour diff in one sentence; every difference is in diff.md beside report.json. */
function diffText(d: NonNullable<LastRun['diff']>): string {
  if (d.exitCode === 2) return `against ${d.before}: cannot compare (${d.why ?? 'no scenario ran in both'})`;
  const c = d.counts;
  return c.differences
    ? `against ${d.before}: ${c.differences} differences (${c.documented} in documented fields, ${c.undocumented} in undocumented ones) in ${c.scenarios} of ${d.compared} scenarios on ${c.routes} routes; ${c.noise} treated as noise, ${c.accepted} accepted (every one in diff.md)`
    : `against ${d.before}: no difference in ${d.compared} scenarios; ${c.noise} treated as noise, ${c.accepted} accepted`;
}

/** The release, language and settings the store was judged under, as report.json gives them. */
function judgedUnderSection(j: JudgedUnder | undefined): Html {
  if (!j) return html``;
  return html`<h3 id="judged-under">Judged under</h3>
<p>The store's answers were judged as those of OpenCart <strong>${j.release}</strong> (${SOURCE_WORDS[j.releaseSource] ?? j.releaseSource}), in the language
<code>${j.language}</code> (${SOURCE_WORDS[j.languageSource] ?? j.languageSource}), with these shop settings:</p>
<table id="settings">
<thead><tr><th scope="col">Setting</th><th scope="col">Value</th><th scope="col">From</th><th scope="col">Where an operator sets it</th></tr></thead>
<tbody>${j.settings.map((s) => html`<tr data-setting="${s.key}"><th scope="row"><code>${s.key}</code></th><td><code>${JSON.stringify(s.value)}</code>${notAtDefault(s) ? ' (not the default)' : ''}</td><td>${SOURCE_WORDS[s.source] ?? s.source}</td><td>${s.label}</td></tr>`)}</tbody>
</table>`;
}

function securityText(security: RunScenario[]): string {
  return tallyText(tally(security), true);
}

/** The security scenarios of the last run, apart from the conformance matrix: what an attacker could do. */
function securitySection(run: LastRun | undefined): Html {
  const security = run?.scenarios.filter(isSecurity) ?? [];
  if (!security.length) return html``;
  return html`<h2 id="security">Security</h2>
<p>What an attacker tries against the store's API. Reported apart from conformance: a <strong>finding</strong> is
behaviour a safe store would not show; it fails the gate only with <code>--fail-on security</code>.</p>
<table id="security-matrix">
<caption>${security.length} security scenarios: ${securityText(security)}</caption>
<thead><tr><th scope="col">Scenario</th><th scope="col">Level</th><th scope="col">Routes</th><th scope="col">Result</th><th scope="col">Why</th></tr></thead>
<tbody>
${security.map((s) => html`<tr data-scenario-id="${s.id}"><th scope="row">${s.name} <code>${s.id}</code></th><td>@${s.level ?? 'must'}</td><td>${(s.routes ?? []).join(', ')}</td><td>${outcomeBadge(s.outcome, true)}</td><td>${reasonBlock(s)}</td></tr>`)}
</tbody>
</table>`;
}

export function renderIndex(site: Site): string {
  const rows = site.operations.map((op) => {
    const results = resultsForRoute(site.run, op.route);
    const t = tally(results);
    return html`<tr data-operation-id="${op.operationId}">
<th scope="row"><a href="${routeFile(op)}"><code>${op.route}</code></a></th>
<td><code>${op.operationId}</code></td>
<td>${op.summary}</td>
<td class="num">${site.run ? t.passed : '–'}</td>
<td class="num">${site.run ? t.failed : '–'}</td>
<td class="num">${site.run ? t.knownDeviations : '–'}</td>
<td class="num">${site.run ? t.skipped : '–'}</td>
<td>${site.run ? statusBadge(t.status) : html`<span class="badge badge-grey badge-not-run">${NOT_RUN_YET}</span>`}${
      t.errors ? html` <span class="note">(${[t.harnessErrors ? countText(t.harnessErrors, 'harness-error') : '', t.infrastructureErrors ? countText(t.infrastructureErrors, 'infrastructure') : ''].filter(Boolean).join(', ')})</span>` : t.status === 'not-proven' ? html` <span class="note">(${t.passed} passed, ${t.skipped} skipped)</span>` : ''
    }</td>
</tr>`;
  });
  const body = html`<h1>${site.title}: conformance by route</h1>
<p class="lead">Every operation of <code>openapi.yaml</code> with the result of the last conformance run. A route
<strong>conforms</strong> when its scenarios ran and none failed; it <strong>fails</strong> when any failed; it shows
<strong>known deviations</strong> when its only failures are listed in the run's deviations file (accepted for this
store, not gated, never counted as failed); it is
<strong>not proven</strong> when as many of its scenarios were skipped as passed, and <strong>not run</strong> when
no scenario of the run exercised it (or all were skipped). A scenario counts once for each route it touches. Each
route links to its description, fields, answers with real examples, and the scenarios that specify it. Security
scenarios are reported apart, below the routes.</p>
<h2>Last run</h2>
${runSummary(site.run)}
<h2>Routes</h2>
<table id="matrix">
<caption>${site.operations.length} operations</caption>
<thead><tr><th scope="col">Route</th><th scope="col">operationId</th><th scope="col">Summary</th><th scope="col">Passed</th><th scope="col">Failed</th><th scope="col">Known deviations</th><th scope="col">Skipped</th><th scope="col">Status</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${securitySection(site.run)}`;
  return page({ title: `${site.title}: conformance matrix`, base: '', body });
}

function fieldTable(fields: DocField[], caption: string, id: string): Html {
  return html`<table id="${id}">
<caption>${caption}</caption>
<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead>
<tbody>${fields.map((f) => html`<tr><th scope="row"><code>${f.name}</code></th><td>${f.type}</td><td>${f.required ? 'yes' : 'no'}</td><td>${f.description ? inlineMarkdown(f.description) : ''}</td></tr>`)}</tbody>
</table>`;
}

function table(rows: string[][], header?: string[]): Html {
  return html`<table>${header ? html`<thead><tr>${header.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>` : ''}<tbody>${rows.map(
    (r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`,
  )}</tbody></table>`;
}

function step(s: WrittenStep): Html {
  return html`<li${s.background ? html` class="bg" title="Background step"` : ''}><span class="kw">${s.keyword}</span> ${s.text}${s.dataTable ? table(s.dataTable) : ''}${
    s.docString !== undefined ? html`<pre><code>${s.docString}</code></pre>` : ''
  }</li>`;
}

function resultDetails(results: RunScenario[], hasRun: boolean): Html {
  if (!hasRun) return html`<p class="note">${NOT_RUN_YET}.</p>`;
  if (!results.length) return html`<p class="note">Not part of the last run (filtered out by tags or shard).</p>`;
  const lines = results.map(
    (r) => html`<li>${outcomeBadge(r.outcome, isSecurity(r))} ${results.length > 1 ? html`<code>${r.id}</code> ` : ''}${r.name !== results[0].name || results.length > 1 ? r.name : ''}${reasonBlock(r)}</li>`,
  );
  return html`<ul class="results">${lines}</ul>`;
}

/** Why a scenario did not pass: a known deviation's entry, then the failure it excuses; else the step and the reason. */
function reasonBlock(r: RunScenario): Html {
  const deviation = r.outcome === 'known-deviation' && r.deviation ? html`<p class="deviation">Known deviation: ${deviationText(r.deviation)}</p>` : '';
  const text = r.reason ? `${r.failedStep ? `${r.failedStep}\n` : ''}${r.reason}` : '';
  return html`${deviation}${text ? html`<pre class="reason"><code>${text}</code></pre>` : ''}`;
}

function scenarioBlock(sc: WrittenScenario, results: RunScenario[], hasRun: boolean): Html {
  const mine = resultsForScenario(results, sc);
  const outcome = hasRun ? worstOutcome(mine) : 'not-run';
  return html`<section class="scenario" data-scenario-id="${sc.id ?? ''}" aria-label="Scenario: ${sc.name}">
<h4>${outcomeBadge(outcome, isSecurity(sc))} <span>${sc.name}</span></h4>
<p class="tags">${sc.feature}${sc.rule ? html` › ${sc.rule}` : ''} · <code>${sc.uri}</code> · ${sc.tags.join(' ')}</p>
<ol class="steps">${sc.steps.map(step)}</ol>
${sc.examples.map((ex) => html`<p><strong>Examples${ex.name ? `: ${ex.name}` : ''}</strong></p>${table(ex.rows, ex.header)}`)}
<h5>Last result</h5>
${resultDetails(mine, hasRun)}
</section>`;
}

export function renderRoute(site: Site, op: DocOperation): string {
  // The route's conformance results for its counts; its security scenarios too, for their own blocks.
  const results = resultsForRoute(site.run, op.route);
  const withSecurity = site.run?.scenarios.filter((s) => (s.routes ?? []).includes(op.route)) ?? [];
  const t = tally(results);
  const written = site.scenarios.filter((s) => s.routes.includes(op.route));
  // Scenarios of the run that called this route with no @route tag (those going over every route): shown so the
  // counts add up.
  const untagged = withSecurity.filter((r) => !written.some((s) => resultsForScenario([r], s).length));
  const recorded = site.examples?.[op.route] ?? {};
  const hasRun = !!site.run;

  const variants = op.variants.map((v) => {
    const has = Object.prototype.hasOwnProperty.call(recorded, v.title);
    return html`<section class="variant" data-variant="${v.title}" aria-label="Answer ${v.title}">
<h3><code>${v.title}</code></h3>
${markdown(v.description, 4)}
${
  has
    ? html`<h4>Recorded in the last run</h4>${jsonBlock(recorded[v.title], `Recorded ${v.title} answer`)}`
    : html`<p class="note">No example recorded: ${site.examples ? 'the last run did not receive this answer' : NOT_RUN_YET}.</p>${
        v.documentedExample !== undefined ? html`<h4>Documented example (from the schema)</h4>${jsonBlock(v.documentedExample, `Documented ${v.title} example`)}` : ''
      }`
}
</section>`;
  });

  const body = html`<p><a href="../index.html">← All routes</a></p>
<h1><code>${op.route}</code></h1>
<p class="lead">${op.summary}</p>
<dl class="meta">
<dt>operationId</dt><dd><code>${op.operationId}</code></dd>
<dt>Request</dt><dd><code>${op.method} index.php?route=${op.route}${op.parameters.map((p) => `&${p.name}=…`).join('')}</code></dd>
<dt>Area</dt><dd>${op.tags.join(', ')}</dd>
<dt>Reference</dt><dd><a id="reference-link" href="${referenceLink(op)}">${op.operationId} in the API reference</a></dd>
<dt>Last run</dt><dd>${hasRun ? statusBadge(t.status) : html`<span class="badge badge-grey badge-not-run">${NOT_RUN_YET}</span>`}${
    hasRun ? ` ${tallyText(t)}` : ''
  }</dd>
</dl>
<section id="description" aria-labelledby="h-description"><h2 id="h-description">Description</h2>
${op.description ? markdown(op.description) : html`<p class="note">No description.</p>`}
</section>
<section id="fields" aria-labelledby="h-fields"><h2 id="h-fields">Request fields</h2>
${op.parameters.length ? fieldTable(op.parameters, 'Query parameters', 'query-parameters') : ''}
${op.fields.length ? fieldTable(op.fields, 'Form fields (POST body, application/x-www-form-urlencoded)', 'form-fields') : html`<p class="note">This route reads no form fields.</p>`}
</section>
<section id="variants" aria-labelledby="h-variants"><h2 id="h-variants">Answers</h2>
<p>HTTP 200, JSON, exactly one of these variants${op.answers ? ': ' : '.'}${op.answers ? inlineMarkdown(op.answers) : ''}</p>
${variants}
</section>
<section id="scenarios" aria-labelledby="h-scenarios"><h2 id="h-scenarios">Scenarios</h2>
${written.length ? html`<p>${written.length} scenario${written.length === 1 ? '' : 's'} tagged <code>@route:${op.route.replace(/^api\//, '')}</code>.</p>` : html`<p class="note">No scenario is tagged <code>@route:${op.route.replace(/^api\//, '')}</code>.</p>`}
${written.map((sc) => scenarioBlock(sc, withSecurity, hasRun))}
${
  untagged.length
    ? html`<h3>Other scenarios of the last run that called this route</h3><ul class="results">${untagged.map(
        (r) => html`<li>${outcomeBadge(r.outcome, isSecurity(r))} ${r.name} <code>${r.id}</code>${reasonBlock(r)}</li>`,
      )}</ul>`
    : ''
}
</section>`;
  return page({ title: `${op.route}: ${site.title}`, base: '../', body });
}
