/**
 * The viewer page's script, run in the browser: it reads the trace data from the page's JSON
 * island and builds the chart and the state panels. Every string from the trace reaches the page
 * through `textContent` or a text node, never as markup. Plain JavaScript in a string (no template
 * literals inside), so the page needs nothing but itself.
 */
export const CLIENT_JS = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('trace-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var steps = data.steps;
  var last = steps.length;
  var current = 0;
  var rows = [];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svg(tag, attrs, cls) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    if (cls) e.setAttribute('class', cls);
    return e;
  }
  function inLoop(step) {
    return data.loop !== null && step > data.loop.from && step <= data.loop.to;
  }
  function isViolation(step) {
    return data.violation !== null && data.violation.step === step;
  }

  // Header: title and verdict.
  document.getElementById('title').textContent = data.title;
  var verdict = document.getElementById('verdict');
  if (data.violation === null) {
    verdict.textContent = 'No violation: the run ends as recorded.';
    verdict.className = 'ok';
  } else {
    verdict.textContent = '✗ ' + data.violation.property + ' violated at step ' +
      data.violation.step + ': ' + data.violation.message;
    verdict.className = 'bad';
    if (data.loop !== null) {
      verdict.appendChild(el('span', 'loop-note', ' ↻ steps ' + (data.loop.from + 1) + '–' +
        data.loop.to + ' repeat forever (' + data.loop.kind + ' loop)'));
    }
  }
  var jump = document.getElementById('to-violation');
  if (data.violation === null) jump.hidden = true;

  // The message sequence chart.
  var COL = 170, GUTTER = 64, HEAD = 44, ROW = 30, NOTE_CH = 7.3;
  var width = GUTTER + COL * data.nodes.length + 120;
  var height = HEAD + ROW * (last + 1) + 12;
  var x = function (i) { return GUTTER + COL * i + COL / 2; };
  var chart = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
  var defs = svg('defs', {});
  var marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z' }, 'arrow-head'));
  defs.appendChild(marker);
  chart.appendChild(defs);
  var rowLayer = svg('g', {});
  chart.appendChild(rowLayer);
  data.nodes.forEach(function (node, i) {
    var name = svg('text', { x: x(i), y: 18, 'text-anchor': 'middle' }, 'node-name');
    name.textContent = node.name;
    var role = svg('text', { x: x(i), y: 33, 'text-anchor': 'middle' }, 'node-role');
    role.textContent = node.role;
    chart.appendChild(name);
    chart.appendChild(role);
    chart.appendChild(svg('line', { x1: x(i), y1: HEAD - 4, x2: x(i), y2: height - 6 }, 'lifeline'));
  });
  function label(text, cx, cy, anchor) {
    var t = svg('text', { x: cx, y: cy, 'text-anchor': anchor || 'middle' }, 'label');
    t.textContent = text;
    return t;
  }
  // A label cut to what fits in px (the whole text is the row's tooltip).
  function fit(text, px) {
    var n = Math.max(6, Math.floor(px / NOTE_CH));
    return text.length > n ? text.slice(0, n - 1) + '…' : text;
  }
  function note(full, cx, cy, cls) {
    var g = svg('g', {}, 'note ' + cls);
    var text = fit(full, (cls === 'all' ? width - GUTTER - 8 : COL * 1.8) - 14);
    var w = text.length * NOTE_CH + 14;
    var left = Math.max(GUTTER + 2, cx - w / 2);
    g.appendChild(svg('rect', { x: left, y: cy - 10, width: w, height: 20, rx: 4 }));
    var t = label(text, left + w / 2, cy + 4);
    g.appendChild(t);
    return g;
  }
  for (var r = 0; r <= last; r++) {
    var top = HEAD + ROW * r;
    var cy = top + ROW / 2;
    var cls = 'row' + (isViolation(r) ? ' violation' : '') + (inLoop(r) ? ' loop' : '');
    var row = svg('g', { 'data-step': r }, cls);
    var bg = svg('rect', { x: 0, y: top, width: width, height: ROW }, 'row-bg');
    var title = svg('title', {});
    title.textContent = r === 0 ? 'initial state' : 'step ' + r + ': ' + steps[r - 1].label;
    row.appendChild(title);
    row.appendChild(bg);
    var mark = r === 0 ? '' : (isViolation(r) ? '✗ ' : '') + (inLoop(r) ? '↻ ' : '') + r;
    row.appendChild(label(r === 0 ? 'start' : mark, GUTTER - 8, cy + 4, 'end'));
    if (r > 0) {
      var s = steps[r - 1];
      var shape = s.shape;
      if (shape.kind === 'node') {
        row.appendChild(note(s.short, x(shape.node), cy, 'one'));
      } else if (shape.kind === 'all') {
        row.appendChild(note(s.short, (x(0) + x(data.nodes.length - 1)) / 2, cy, 'all'));
      } else {
        var x1 = x(shape.from), x2 = x(shape.to), y = cy + 5;
        var kind = 'msg ' + shape.kind;
        if (shape.from === shape.to) {
          row.appendChild(svg('path', { d: 'M' + x1 + ',' + (y - 8) + ' h26 v10 h-24', 'marker-end': 'url(#arrow)' }, kind));
          row.appendChild(label(fit(s.short, COL - 40), x1 + 32, y - 1, 'start'));
        } else if (shape.kind === 'drop') {
          var mid = (x1 + x2) / 2;
          row.appendChild(svg('line', { x1: x1, y1: y, x2: mid, y2: y }, kind));
          row.appendChild(label('✕', mid, y + 4));
          row.appendChild(label(fit(s.short, Math.abs(x2 - x1) - 8), mid, y - 7));
        } else {
          row.appendChild(svg('line', { x1: x1, y1: y, x2: x2, y2: y, 'marker-end': 'url(#arrow)' }, kind));
          row.appendChild(label(fit(s.short, Math.abs(x2 - x1) - 8), (x1 + x2) / 2, y - 7));
        }
      }
    }
    (function (step) {
      row.addEventListener('click', function () { select(step); });
    })(r);
    rows.push(row);
    rowLayer.appendChild(row);
  }
  document.getElementById('chart').appendChild(chart);

  // The panels: what the step did, and every node before and after it.
  // A state's JSON, its lines that the other state does not have marked (what the step changed).
  function pre(cls, text, other) {
    var p = el('pre', cls);
    if (other === null || other === text) {
      p.textContent = text;
      return p;
    }
    var had = Object.create(null);
    other.split('\n').forEach(function (line) { had[line.trim().replace(/,$/, '')] = true; });
    text.split('\n').forEach(function (line, i) {
      if (i > 0) p.appendChild(document.createTextNode('\n'));
      var key = line.trim().replace(/,$/, '');
      var span = el('span', had[key] === true ? '' : 'new', line);
      p.appendChild(span);
    });
    return p;
  }
  function stateCell(node, world, changed, previous) {
    var td = el('td', changed ? 'changed' : '');
    if (world === null) {
      td.appendChild(el('span', 'none', '—'));
      return td;
    }
    var n = world.nodes[node];
    var snap = data.snapshots[n.snapshot];
    td.appendChild(el('div', 'status status-' + n.status, n.status));
    td.appendChild(el('div', 'caption', 'state value'));
    var prev = changed && previous !== null ? data.snapshots[previous.nodes[node].snapshot] : null;
    td.appendChild(pre('value', snap.value, prev === null ? null : prev.value));
    td.appendChild(el('div', 'caption', 'context'));
    td.appendChild(pre('context', snap.context, prev === null ? null : prev.context));
    return td;
  }
  function render() {
    var step = current;
    rows.forEach(function (row, i) {
      row.classList.toggle('current', i === step);
    });
    rows[step].scrollIntoView({ block: 'nearest' });
    document.getElementById('position').textContent = 'step ' + step + ' / ' + last;
    document.getElementById('first').disabled = step === 0;
    document.getElementById('prev').disabled = step === 0;
    document.getElementById('next').disabled = step === last;
    document.getElementById('last').disabled = step === last;
    var detail = document.getElementById('detail');
    detail.classList.toggle('violation', isViolation(step));
    detail.classList.toggle('loop', inLoop(step));
    document.getElementById('step-title').textContent =
      step === 0 ? 'Initial state' : 'Step ' + step + ' of ' + last + ': ' + steps[step - 1].label;
    var badges = document.getElementById('badges');
    badges.textContent = '';
    if (isViolation(step)) {
      badges.appendChild(el('p', 'badge bad', '✗ ' + data.violation.property + ' is violated after this step: ' + data.violation.message));
    }
    if (inLoop(step)) {
      badges.appendChild(el('p', 'badge loop', '↻ part of the loop: steps ' + (data.loop.from + 1) + '–' + data.loop.to + ' repeat'));
    }
    var obs = document.getElementById('observations');
    obs.textContent = '';
    var seen = step === 0 ? [] : steps[step - 1].observations;
    if (seen.length === 0) obs.appendChild(el('li', 'none', 'nothing observed'));
    seen.forEach(function (o) { obs.appendChild(el('li', '', o)); });
    var before = step === 0 ? null : data.worlds[step - 1];
    var after = data.worlds[step];
    var body = document.getElementById('states-body');
    body.textContent = '';
    data.nodes.forEach(function (node, i) {
      var changed = before !== null && (before.nodes[i].snapshot !== after.nodes[i].snapshot ||
        before.nodes[i].status !== after.nodes[i].status);
      var tr = el('tr', changed ? 'changed' : '');
      var th = el('th', '');
      th.appendChild(el('div', 'node-name', node.name));
      th.appendChild(el('div', 'node-role', node.role));
      if (changed) th.appendChild(el('div', 'changed-mark', 'changed'));
      tr.appendChild(th);
      tr.appendChild(stateCell(i, before, false, null));
      tr.appendChild(stateCell(i, after, changed, before));
      body.appendChild(tr);
    });
    var flight = document.getElementById('in-flight');
    flight.textContent = '';
    if (after.inFlight.length === 0) flight.appendChild(el('li', 'none', 'nothing in flight'));
    after.inFlight.forEach(function (m) { flight.appendChild(el('li', '', m)); });
  }
  function select(step) {
    current = Math.max(0, Math.min(last, step));
    render();
  }
  document.getElementById('first').addEventListener('click', function () { select(0); });
  document.getElementById('prev').addEventListener('click', function () { select(current - 1); });
  document.getElementById('next').addEventListener('click', function () { select(current + 1); });
  document.getElementById('last').addEventListener('click', function () { select(last); });
  jump.addEventListener('click', function () { if (data.violation !== null) select(data.violation.step); });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var keys = { ArrowLeft: current - 1, ArrowUp: current - 1, ArrowRight: current + 1, ArrowDown: current + 1, Home: 0, End: last };
    if (!Object.prototype.hasOwnProperty.call(keys, e.key)) return;
    e.preventDefault();
    select(keys[e.key]);
  });
  var start = /^#step=(\d+)$/.exec(location.hash);
  select(start ? Number(start[1]) : 0);
})();
`;
