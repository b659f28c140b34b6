import { createHash } from 'node:crypto';
import type { Replay } from '../../replay.ts';
import type { Trace } from '../../trace.ts';
import { CLIENT_JS } from './client.ts';
import { VIEWER_CSS } from './style.ts';
import { viewerData, type ViewerData } from './viewer-data.ts';

/** Text as HTML character data: `&`, `<`, `>` and quotes as entities. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/**
 * JSON that can sit inside a `<script>` element: `<`, `>`, `&` and the line separators escaped as
 * `\uXXXX`, so no string in it can close the element or open a comment.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The viewer page for viewer data: one self-contained HTML document. */
export function viewerPage(data: ViewerData): string {
  // Only this page's own style and script may run, and nothing may be fetched.
  const csp = `default-src 'none'; style-src ${hash(VIEWER_CSS)}; script-src ${hash(CLIENT_JS)}; img-src data:`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`groupcheck: ${data.title}`)}</title>
<style>${VIEWER_CSS}</style>
</head>
<body>
<header><h1 id="title"></h1><p id="verdict"></p></header>
<nav aria-label="steps">
<button id="first" title="first (Home)">« first</button>
<button id="prev" title="previous (←)">◀ prev</button>
<span id="position" aria-live="polite"></span>
<button id="next" title="next (→)">next ▶</button>
<button id="last" title="last (End)">last »</button>
<button id="to-violation">✗ violating step</button>
<span class="hint">keys: ← → Home End · click a row</span>
</nav>
<main>
<section id="chart" aria-label="message sequence chart"></section>
<section id="detail">
<h2 id="step-title"></h2>
<div id="badges"></div>
<h3>Observed</h3>
<ul id="observations"></ul>
<h3>Nodes: before and after the step</h3>
<table id="states"><thead><tr><th>node</th><th>before</th><th>after</th></tr></thead><tbody id="states-body"></tbody></table>
<h3>In flight after the step</h3>
<ul id="in-flight"></ul>
</section>
</main>
<script type="application/json" id="trace-data">${scriptJson(data)}</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}

/** The viewer page of a replayed trace. */
export function renderViewer(trace: Trace, run: Replay): string {
  return viewerPage(viewerData(trace, run));
}
