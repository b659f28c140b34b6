import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../experiments/experiment.ts';
import { toCsv, writeExperiment } from '../../experiments/output.ts';

const experiment: Experiment = {
  name: 'demo',
  title: 'Demo',
  xLabel: 'x',
  yLabel: 'y',
  series: [
    { name: 'a', rows: [{ x: 1, y: 2 }] },
    { name: 'b', rows: [{ x: 3, y: 4.5 }] },
  ],
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('toCsv', () => {
  it('writes one series,x,y row per point', () => {
    expect(toCsv(experiment)).toBe('series,x,y\n"a",1,2\n"b",3,4.5\n');
  });
});

describe('writeExperiment', () => {
  it('writes CSV, JSON and SVG into a directory it creates, leaving no temporary file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-'));
    dirs.push(root);
    const dir = path.join(root, 'nested', 'out');
    const files = writeExperiment(dir, experiment);
    expect(files).toEqual(['demo.csv', 'demo.json', 'demo.svg'].map((f) => path.join(dir, f)));
    expect(fs.readdirSync(dir).sort()).toEqual(['demo.csv', 'demo.json', 'demo.svg']);
    expect(JSON.parse(fs.readFileSync(files[1]!, 'utf8'))).toEqual(experiment);
  });
});
