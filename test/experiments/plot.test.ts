import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../experiments/experiment.ts';
import { plot, ticks } from '../../experiments/plot.ts';

const experiment = (logY: boolean): Experiment => ({
  name: 'e',
  title: 'Paths & <hops>',
  xLabel: 'x',
  yLabel: 'y',
  logY,
  series: [
    {
      name: 'a',
      rows: [
        { x: 0, y: 500 },
        { x: 10, y: 5 },
      ],
    },
    {
      name: 'b',
      rows: [
        { x: 0, y: 300 },
        { x: 10, y: 200 },
      ],
    },
  ],
});

describe('ticks', () => {
  it('gives round values spanning the range', () => {
    expect(ticks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticks(-3, 0)).toEqual([-3, -2, -1, 0]);
    expect(ticks(5, 5)).toEqual([5]);
  });
});

describe('plot', () => {
  it('draws every series with axes, ticks and escaped labels', () => {
    const svg = plot(experiment(false));
    expect(svg).toMatch(/^<svg/);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('Paths &amp; &lt;hops&gt;');
  });

  it('ticks a log scale at powers of ten', () => {
    const svg = plot(experiment(true));
    for (const t of [1, 10, 100]) expect(svg).toContain(`text-anchor="end">${t}</text>`);
    expect(svg).not.toContain(`text-anchor="end">1000</text>`);
  });
});
