import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIVIZ_REGEX } from '../../../checkers/export/shiviz.ts';
import { cleanTrace, cli, mutantTrace, useTempFiles, writeJson } from '../helpers.ts';

const tmp = useTempFiles();
let file: string;
let step: number;

let dir: string;

// One trace for every test (the files `tmp` gives are removed after each test).
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-'));
  file = path.join(dir, 'trace.json');
  step = (await mutantTrace('sequencer-no-seqcheck', file)).violation!.step;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('groupcheck replay --format itf | shiviz | html', () => {
  it('itf prints the ITF trace alone on stdout, the verdict on stderr', async () => {
    const run = await cli('replay', file, '--format', 'itf');
    expect(run.code).toBe(1);
    const itf = JSON.parse(run.stdout) as { states: unknown[]; '#meta': { source: string } };
    expect(itf.states).toHaveLength(step + 1);
    expect(itf['#meta'].source).toBe(file);
    expect(run.err).toEqual([`reproduced: total-order at step ${step}`]);
  });

  it('shiviz prints the log alone on stdout', async () => {
    const run = await cli('replay', file, '--format', 'shiviz');
    expect(run.code).toBe(1);
    expect(run.out[0]!.split('\n').slice(0, 2)).toEqual([SHIVIZ_REGEX, '']);
    expect(run.err).toEqual([`reproduced: total-order at step ${step}`]);
  });

  it('mermaid prints the diagram alone on stdout', async () => {
    const run = await cli('replay', file, '--format', 'mermaid');
    expect(run.out).toHaveLength(1);
    expect(run.out[0]).toMatch(/^sequenceDiagram\n/);
    expect(run.err).toEqual([`reproduced: total-order at step ${step}`]);
  });

  it('html --out writes the viewer atomically and prints nothing on stdout', async () => {
    const out = tmp('viewer.html');
    const run = await cli('replay', file, '--format', 'html', '--out', out);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([`wrote ${out}`, `reproduced: total-order at step ${step}`]);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^<!doctype html>[^]*<\/html>\n$/);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['viewer.html']);
  });

  it('a clean trace exports with exit 0', async () => {
    const clean = writeJson(tmp(), cleanTrace());
    const run = await cli('replay', clean, '--format', 'itf');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ '#meta': { status: 'ok' } });
    expect(run.err[0]).toMatch(/no violation, as recorded/);
  });

  it('--out into a directory: one line, exit 2, nothing left behind', async () => {
    const dir = path.dirname(tmp('x'));
    const run = await cli('replay', file, '--format', 'html', '--out', dir);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([`groupcheck: --out ${dir} is a directory`]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('--out where no file can be written: one line, exit 2, no temporary file', async () => {
    const blocker = writeJson(tmp('blocker'), '');
    const run = await cli('replay', file, '--format', 'itf', '--out', `${blocker}/x.json`);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^groupcheck: --out .*x\.json cannot be written: E[A-Z]+$/);
    expect(fs.readdirSync(path.dirname(blocker))).toEqual(['blocker']);
  });

  it('names every format when --format is unknown', async () => {
    const run = await cli('replay', file, '--format', 'svg');
    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      "groupcheck: --format must be text, mermaid, itf, shiviz, html, not 'svg'",
    ]);
  });
});
