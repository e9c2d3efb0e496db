// HTML for the living documentation: escaping, the small Markdown subset openapi.yaml descriptions use, and the page
// frame (inline CSS, no external assets, so the pages open the same from a file, a CI artifact or a web server).
import type { Outcome } from '../reports/results';
import { VOCABULARY, verdictOf, type Colour } from '../reports/vocabulary';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | undefined | null | false | Part[];

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof Html) return part.value;
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  parts.forEach((p, i) => (out += render(p) + strings[i + 1]));
  return new Html(out);
}

export function raw(text: string): Html {
  return new Html(text);
}

/** Inline Markdown: `code`, **bold**, and [text](https://...) links; everything else escaped. */
export function inlineMarkdown(text: string): Html {
  const out: string[] = [];
  // Code spans first, so nothing inside them is read as Markdown.
  text.split(/(`[^`]+`)/).forEach((chunk, i) => {
    if (i % 2 === 1) return void out.push(`<code>${escapeHtml(chunk.slice(1, -1))}</code>`);
    let s = escapeHtml(chunk);
    s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
    s = s.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
    out.push(s);
  });
  return new Html(out.join(''));
}

/** Block Markdown: paragraphs, "- " and "1. " lists (with indented continuation lines), "#" headings, pipe tables. */
export function markdown(text: string | undefined, headingBase = 3): Html {
  if (!text?.trim()) return new Html('');
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  const isBlank = (l: string | undefined) => l === undefined || !l.trim();
  const listItem = /^(\s*)([-*]|\d+\.)\s+(.*)$/;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, headingBase + heading[1].length - 1);
      out.push(`<h${level}>${inlineMarkdown(heading[2])}</h${level}>`);
      i++;
      continue;
    }
    if (line.trim().startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i].trim().startsWith('|')) {
        const cells = lines[i].trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
        if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
        i++;
      }
      const [head, ...body] = rows;
      out.push(
        `<table><thead><tr>${head.map((c) => `<th scope="col">${inlineMarkdown(c)}</th>`).join('')}</tr></thead>` +
          `<tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${inlineMarkdown(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`,
      );
      continue;
    }
    const first = listItem.exec(line);
    if (first) {
      const ordered = /\d/.test(first[2]);
      const items: string[] = [];
      while (i < lines.length) {
        const m = listItem.exec(lines[i]);
        if (m) {
          items.push(m[3]);
          i++;
        } else if (!isBlank(lines[i]) && /^\s+/.test(lines[i]) && items.length) {
          items[items.length - 1] += ` ${lines[i].trim()}`;
          i++;
        } else break;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((it) => `<li>${inlineMarkdown(it)}</li>`).join('')}</${tag}>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !isBlank(lines[i]) && !listItem.exec(lines[i]) && !lines[i].trim().startsWith('|') && !/^#{1,4}\s/.test(lines[i])) {
      para.push(lines[i].trim());
      i++;
    }
    out.push(`<p>${inlineMarkdown(para.join(' '))}</p>`);
  }
  return new Html(out.join('\n'));
}

/** A JSON value as an escaped, indented code block. */
export function jsonBlock(value: unknown, label: string): Html {
  return html`<pre class="json" tabindex="0" aria-label="${label}"><code>${JSON.stringify(value, null, 2) ?? 'undefined'}</code></pre>`;
}

/** A route's status in the matrix: `deviates` when its only failures are known deviations (never `fails`). */
export type Status = 'conforms' | 'fails' | 'deviates' | 'errors' | 'not-proven' | 'not-run';

const STATUS: Record<Status, { text: string; colour: Colour }> = {
  conforms: { text: 'conforms', colour: 'green' },
  fails: { text: 'fails', colour: 'red' },
  deviates: { text: 'known deviations', colour: VOCABULARY['known-deviation'].colour },
  errors: { text: 'could not check', colour: 'yellow' },
  'not-proven': { text: 'not proven', colour: 'grey' },
  'not-run': { text: 'not run', colour: 'grey' },
};

export function statusBadge(status: Status): Html {
  return html`<span class="badge badge-${STATUS[status].colour} badge-${status}">${STATUS[status].text}</span>`;
}

export type OutcomeName = Outcome | 'not-run';

/** An outcome in the word and colour of every report (vocabulary.ts); a failed security scenario is a security finding. */
export function outcomeBadge(outcome: OutcomeName, security = false): Html {
  if (outcome === 'not-run') return html`<span class="badge badge-grey badge-not-run">not run</span>`;
  const verdict = verdictOf({ outcome, class: security ? 'security' : 'conformance' });
  const style = VOCABULARY[verdict];
  return html`<span class="badge badge-${style.colour} badge-${verdict}">${style.word}</span>`;
}

const CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #545d68; --line: #d0d7de; --bg-soft: #f6f8fa; --link: #0a58ca; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
a { color: var(--link); }
a:focus-visible, pre:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
header.site { border-bottom: 1px solid var(--line); background: var(--bg-soft); padding: .75rem 1.5rem; }
header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1.25rem; margin: 0; padding: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.75rem; margin: 1rem 0 .25rem; } h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin-bottom: .25rem; } h4 { font-size: 1rem; margin-bottom: .25rem; }
.lead { color: var(--muted); margin-top: 0; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg-soft); padding: 0 .2em; border-radius: 3px; }
pre { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: .75rem; overflow: auto; max-height: 28rem; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .55rem; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 1rem; font-size: .85rem; font-weight: 600; border: 1px solid; white-space: nowrap; }
.badge-green { background: #dafbe1; color: #0f5323; border-color: #4ac26b; }
.badge-red { background: #ffebe9; color: #82071e; border-color: #ff8182; }
.badge-purple { background: #fbefff; color: #512a97; border-color: #c297ff; }
.badge-yellow { background: #fff8c5; color: #6a4a00; border-color: #d4a72c; }
.badge-grey { background: #eaeef2; color: #3d444d; border-color: #afb8c1; }
.variant, .scenario { border: 1px solid var(--line); border-radius: 6px; padding: .25rem 1rem .75rem; margin: 1rem 0; }
.scenario h4 { display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; }
.tags { color: var(--muted); font-size: .85rem; margin: .25rem 0; }
ol.steps { list-style: none; padding-left: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem; }
ol.steps li { margin: .15rem 0; } .kw { font-weight: 700; color: #6639ba; } .bg { color: var(--muted); }
ol.steps table { width: auto; margin: .25rem 0 .25rem 2rem; font-size: .85rem; }
.reason { white-space: pre-wrap; background: #fff8f7; border-color: #ffcecb; }
.note { color: var(--muted); font-style: italic; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; } dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
`;

export interface PageOptions {
  title: string;
  /** "" for pages at the root of the site, "../" for routes/*.html. */
  base: string;
  body: Html;
}

export function page({ title, base, body }: PageOptions): string {
  return `<!DOCTYPE html>
${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><nav aria-label="Documentation"><ul>
<li><a href="${base}index.html">Conformance matrix</a></li>
<li><a href="${base}api.html">API reference</a></li>
</ul></nav></header>
<main id="main">
${body}
</main>
</body>
</html>
`}`;
}
