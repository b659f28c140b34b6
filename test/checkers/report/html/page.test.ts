import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, renderViewer, scriptJson } from '../../../../checkers/report/html/page.ts';
import { prettyJson, viewerData } from '../../../../checkers/report/html/viewer-data.ts';
import { useTempFiles } from '../../helpers.ts';
import { livelockReplay, mutantReplay, type Replayed } from '../../export/traces.ts';

const tmp = useTempFiles();
const HOSTILE = '</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> \u2028';

let mutant: Replayed;
beforeAll(async () => {
  mutant = await mutantReplay('sequencer-no-seqcheck', tmp());
});

describe('the viewer page', () => {
  it('is one self-contained document: inline style and script, nothing to fetch', () => {
    const html = renderViewer(mutant.trace, mutant.run);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'sha256-`);
    expect(html.match(/<script\b/g)).toHaveLength(2);
  });

  it('escapes every string from the trace: no markup, no way out of the data island', () => {
    const trace = {
      ...mutant.trace,
      protocol: `<i>${HOSTILE}`,
      nodes: [HOSTILE, '&amp;'],
      violation: { ...mutant.trace.violation!, message: HOSTILE },
    };
    const html = renderViewer(trace, mutant.run);
    expect(html.match(/<script\b/gi)).toHaveLength(2);
    expect(html.match(/<\/script>/gi)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('<i>');
    const island = /<script type="application\/json" id="trace-data">(.*?)<\/script>/s.exec(html)!;
    expect(island[1]).not.toMatch(/[<>\u2028\u2029]/);
    expect(JSON.parse(island[1]!)).toEqual(
      JSON.parse(JSON.stringify(viewerData(trace, mutant.run))),
    );
  });

  it('holds one world per step and the violation', () => {
    const data = viewerData(mutant.trace, mutant.run);
    expect(data.steps).toHaveLength(mutant.trace.actions.length);
    expect(data.worlds).toHaveLength(mutant.trace.actions.length + 1);
    expect(data.violation).toMatchObject({
      property: 'total-order',
      step: mutant.trace.violation!.step,
    });
    expect(data.loop).toBeNull();
    const view = mutant.run.system.worldView(mutant.run.worlds[3]!);
    const node = data.worlds[3]!.nodes[0]!;
    expect(JSON.parse(data.snapshots[node.snapshot]!.context)).toEqual(view.nodes[0]!.context);
  });

  it("carries a livelock's loop", () => {
    const { trace, run } = livelockReplay('forever');
    const data = viewerData(trace, run);
    expect(data.loop).toEqual({
      from: trace.violation!.loop!.from,
      to: trace.violation!.step,
      kind: 'state',
    });
  });
});

describe('escaping and JSON helpers', () => {
  it('escapeHtml escapes markup characters and quotes', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('scriptJson is JSON with no <, >, & or line separators', () => {
    const text = scriptJson({ s: HOSTILE });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ s: HOSTILE });
  });

  it('prettyJson keeps short flat lists on one line and stays JSON', () => {
    const value = { ids: ['m0', 'm1'], nested: { a: [1, { b: null }] }, s: 'a,b' };
    const text = prettyJson(value);
    expect(text).toContain('"ids": ["m0","m1"]');
    expect(JSON.parse(text)).toEqual(value);
    expect(prettyJson([])).toBe('[]');
    expect(prettyJson(null)).toBe('null');
  });
});
