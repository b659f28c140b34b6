import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();

describe('groupcheck experiment', () => {
  it('writes CSV, JSON and SVG of each experiment with exit 0', async () => {
    const dir = tmp('out');
    const run = await cli('experiment', 'freenet', '--nodes', '40', '--seed', '2', '--out', dir);
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const files = fs.readdirSync(dir).sort();
    const names = ['discovery', 'faults', 'learning', 'scalability'];
    expect(files).toEqual(names.flatMap((n) => ['csv', 'json', 'svg'].map((x) => `${n}.${x}`)));
    expect(fs.readFileSync(path.join(dir, 'learning.csv'), 'utf8')).toMatch(/^series,x,y\n/);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'faults.json'), 'utf8'));
    expect(json.series).toHaveLength(2);
  });

  it.each([
    [['experiment', 'nope'], /no experiment for 'nope'/],
    [['experiment', 'freenet', '--nodes', 'abc'], /--nodes must be an integer/],
    [['experiment', 'freenet', '--nodes', '5'], /--nodes must be an integer of at least 20/],
    [['experiment', 'freenet', '--nodes', '200000'], /--nodes must be at most 100000/],
    [['experiment', 'freenet', '--seed', '-1'], /--seed/],
    [['experiment', 'freenet', '--steps', '0'], /--steps must be an integer of at least 1/],
    [['experiment', 'freenet', '--steps', '5000'], /--steps must be at most 1000/],
  ])('rejects %j with one line and exit 2', async (argv, mentions) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^groupcheck: /);
    expect(run.err[0]).toMatch(mentions);
    expect(run.out).toEqual([]);
  });

  it('rejects an --out that is a file with one line and exit 2', async () => {
    const file = tmp('file.txt');
    fs.writeFileSync(file, 'x');
    const run = await cli('experiment', 'freenet', '--nodes', '40', '--out', file);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^groupcheck: cannot write to /);
  });
});

describe('groupcheck experiment diffusion', () => {
  it('writes the speed-up series, plots and table with exit 0', async () => {
    const dir = path.dirname(tmp());
    const run = await cli(
      'experiment',
      'diffusion',
      '--param',
      'maxWorkers=4',
      '--param',
      'requests=8',
      '--param',
      'trials=1',
      '--out',
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const name of ['diffusion-makespan', 'diffusion-speedup', 'diffusion-redispatches'])
      for (const ext of ['csv', 'json', 'svg'])
        expect(fs.existsSync(path.join(dir, `${name}.${ext}`)), `${name}.${ext}`).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'diffusion-table.md'), 'utf8')).toContain('|');
  });

  it.each([
    [
      ['experiment', 'diffusion', '--param', 'maxWorkers=0'],
      /^groupcheck: --param maxWorkers: at least one worker/,
    ],
    [
      ['experiment', 'diffusion', '--param', 'nope=1'],
      /^groupcheck: --param nope: diffusion has no such setting \(its settings: maxWorkers, /,
    ],
    [
      ['experiment', 'diffusion', '--nodes', '40'],
      /^groupcheck: --nodes is freenet's; diffusion takes --param/,
    ],
    [
      ['experiment', 'freenet', '--param', 'x=1'],
      /^groupcheck: freenet takes --nodes and --steps, not --param/,
    ],
  ])('refuses %j in one line, exit 2', async (argv, message) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });
});

describe('groupcheck experiment voting', () => {
  it('prints the availability table and writes the blocking plots', async () => {
    const dir = path.dirname(tmp());
    const run = await cli('experiment', 'voting', '--param', 'samples=2000', '--out', dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('<2,1,1>');
    for (const name of ['voting-blocking-3', 'voting-blocking-5'])
      for (const ext of ['csv', 'json', 'svg'])
        expect(fs.existsSync(path.join(dir, `${name}.${ext}`)), `${name}.${ext}`).toBe(true);
    for (const ext of ['md', 'csv', 'json'])
      expect(fs.existsSync(path.join(dir, `voting-availability.${ext}`))).toBe(true);
  });

  it('refuses a p outside [0, 1] in one line, exit 2', async () => {
    const run = await cli('experiment', 'voting', '--param', 'p=2');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^groupcheck: --param p: /);
  });
});

describe('groupcheck experiment multicast', () => {
  it('writes the stress, RDP and resource series and plots, and prints the table', async () => {
    const dir = path.dirname(tmp());
    const run = await cli(
      'experiment',
      'multicast',
      '--param',
      'routers=100',
      '--param',
      'groups=[8,16]',
      '--param',
      'trials=1',
      '--param',
      'churn=[0,0.5]',
      '--param',
      'churnGroup=16',
      '--out',
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('waxman');
    for (const topology of ['waxman', 'transit-stub'])
      for (const series of ['max-stress', 'mean-stress', 'rdp', 'resource', 'churn'])
        for (const ext of ['csv', 'json', 'svg'])
          expect(fs.existsSync(path.join(dir, `multicast-${topology}-${series}.${ext}`))).toBe(
            true,
          );
    for (const name of ['multicast-table.md', 'multicast-points.csv', 'multicast-points.json'])
      expect(fs.existsSync(path.join(dir, name))).toBe(true);
  });

  it.each([
    ['topology=mesh', /unknown topology "mesh"/],
    ['routers=5000', /--param routers: /],
    ['ttl=256', /--param ttl: /],
  ])('refuses %s in one line, exit 2', async (param, message) => {
    const run = await cli('experiment', 'multicast', '--param', param);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});

describe('groupcheck experiment gnutella', () => {
  it('writes every search method on every topology, and prints the table', async () => {
    const dir = path.dirname(tmp());
    const run = await cli(
      'experiment',
      'gnutella',
      '--param',
      'nodes=1000',
      '--param',
      'queries=50',
      '--out',
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const topology of ['random', 'power-law', 'small-world', 'grid'])
      expect(run.stdout).toContain(topology);
    for (const name of ['gnutella-table.md', 'gnutella-table.csv', 'gnutella-table.json'])
      expect(fs.existsSync(path.join(dir, name))).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(4);
  });

  it.each([
    ['topology=ring', /topology/],
    ['replication=zipf', /replication/],
    ['nodes=500', /--param nodes: /],
    ['nodes=200000', /--param nodes: /],
    ['degree=1', /--param degree: /],
  ])('refuses %s in one line, exit 2', async (param, message) => {
    const run = await cli('experiment', 'gnutella', '--param', param);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});
