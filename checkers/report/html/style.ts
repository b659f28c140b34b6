/** The viewer page's style sheet (inline in the page: it loads nothing). */
export const VIEWER_CSS = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bad: #cf222e; --bad-bg: #ffebe9;
  --loop: #8250df; --loop-bg: #f3eefc; --cur: #0969da; --cur-bg: #ddf4ff; --changed-bg: #fff8c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); }
header { padding: 10px 16px 6px; border-bottom: 1px solid var(--line); }
h1 { font-size: 17px; margin: 0 0 4px; }
#verdict { margin: 0; }
#verdict.bad { color: var(--bad); font-weight: 600; }
#verdict.ok { color: #1a7f37; font-weight: 600; }
.loop-note { color: var(--loop); }
nav { display: flex; gap: 6px; align-items: center; padding: 8px 16px; border-bottom: 1px solid var(--line); background: #f6f8fa; }
nav button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
nav button:disabled { opacity: .45; cursor: default; }
#to-violation { color: var(--bad); border-color: var(--bad); }
#position { min-width: 92px; text-align: center; font-variant-numeric: tabular-nums; font-weight: 600; }
.hint { color: var(--muted); margin-left: auto; font-size: 12px; }
main { display: flex; align-items: flex-start; }
#chart { flex: 0 1 auto; max-width: 55vw; overflow: auto; max-height: calc(100vh - 96px); border-right: 1px solid var(--line); }
#detail { flex: 1 1 0; min-width: 360px; padding: 10px 16px; overflow: auto; max-height: calc(100vh - 96px); }
#detail.violation { box-shadow: inset 4px 0 var(--bad); }
#detail.loop { box-shadow: inset 4px 0 var(--loop); }
#detail.violation.loop { box-shadow: inset 4px 0 var(--bad), inset 8px 0 var(--loop); }
h2 { font-size: 15px; margin: 4px 0 8px; overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
h3 { font-size: 13px; margin: 14px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.badge { margin: 4px 0; padding: 4px 8px; border-radius: 6px; }
.badge.bad { background: var(--bad-bg); color: var(--bad); font-weight: 600; }
.badge.loop { background: var(--loop-bg); color: var(--loop); font-weight: 600; }
ul { margin: 0; padding-left: 18px; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
li.none, span.none { color: var(--muted); list-style: none; margin-left: -18px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; }
thead th { background: #f6f8fa; font-size: 12px; color: var(--muted); }
tbody th { width: 90px; }
td.changed { background: #fffdf0; }
pre span.new { background: var(--changed-bg); font-weight: 600; }
.changed-mark { font-size: 11px; color: #9a6700; font-weight: 600; }
.node-role, .caption { color: var(--muted); font-size: 11px; }
.status { font-size: 12px; font-weight: 600; }
.status-down { color: var(--bad); }
.status-out { color: var(--muted); }
pre { margin: 0 0 4px; font-size: 12px; white-space: pre-wrap; word-break: break-word; max-height: 260px; overflow: auto; }
svg { display: block; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
svg .node-name { font-weight: 700; font-size: 13px; fill: var(--fg); }
svg .node-role { fill: var(--muted); font-size: 11px; }
svg .lifeline { stroke: #afb8c1; stroke-dasharray: 3 3; }
svg .row { cursor: pointer; }
svg .row-bg { fill: transparent; }
svg .row:hover .row-bg { fill: #f6f8fa; }
svg .row.loop .row-bg { fill: var(--loop-bg); }
svg .row.violation .row-bg { fill: var(--bad-bg); }
svg .row.current .row-bg { fill: var(--cur-bg); stroke: var(--cur); stroke-width: 1.5; }
svg .row.loop.current .row-bg { fill: var(--loop-bg); }
svg .row.violation.current .row-bg { fill: var(--bad-bg); }
svg .label { fill: var(--fg); }
svg .row.violation .label { fill: var(--bad); font-weight: 700; }
svg .row.loop .label { fill: var(--loop); }
svg .msg { stroke: var(--fg); stroke-width: 1.4; fill: none; }
svg .msg.duplicate { stroke-dasharray: 5 3; }
svg .msg.drop { stroke: var(--bad); }
svg .arrow-head { fill: var(--fg); }
svg .note rect { fill: #fff8c5; stroke: #d4a72c; }
svg .note.all rect { fill: #eaeef2; stroke: #afb8c1; }
`;
