import fs from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../checkers/commands/check.ts';
import { escapeXml, junitXml } from '../../../checkers/report/junit.ts';
import { cli, useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; '#text': string };
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  testcase: Case[];
}

/** Parses a JUnit document (after checking it is well-formed XML). */
function parse(xml: string): {
  testsuites: { tests: string; failures: string; testsuite: Suite[] };
} {
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(xml);
}

describe('check --reporter junit', () => {
  it('one suite per protocol, one case per variant and engine; caught mutants pass', async () => {
    const file = tmp('junit.xml');
    const run = await cli(
      'check',
      'total-order',
      '--mutants',
      '--runs',
      '30',
      '--engine',
      'all',
      '--max-states',
      '20',
      '--junit-out',
      file,
    );
    expect(run.err).toContain(`wrote ${file}`);
    const report = parse(fs.readFileSync(file, 'utf8'));
    const [suite, ...others] = report.testsuites.testsuite;
    expect(others).toEqual([]);
    expect(suite!.name).toBe('total-order');
    const list = (
      JSON.parse((await cli('list', '--json')).stdout) as {
        protocols: { name: string; variants: unknown[] }[];
      }
    ).protocols;
    const variants = list.find((p) => p.name === 'total-order')!.variants.length;
    expect(suite!.testcase).toHaveLength(variants * 2);
    expect(Number(suite!.tests)).toBe(variants * 2);
    const failed = suite!.testcase.filter((c) => c.failure !== undefined);
    expect(Number(suite!.failures)).toBe(failed.length);
    expect(Number(report.testsuites.failures)).toBe(failed.length);
    // 20 states stop every exhaustive search of a correct variant: incomplete is a failure.
    const exhaustiveCorrect = suite!.testcase.filter((c) => /\(correct, exhaustive\)/.test(c.name));
    expect(exhaustiveCorrect.length).toBeGreaterThan(0);
    for (const c of exhaustiveCorrect) expect(c.failure?.message).toMatch(/^incomplete: /);
    // The random engine catches every mutant of total-order in 30 runs: each passes.
    const randomMutants = suite!.testcase.filter((c) => /\(mutant, random\)/.test(c.name));
    expect(randomMutants.length).toBeGreaterThan(0);
    for (const c of randomMutants) expect(c.failure).toBeUndefined();
    for (const c of failed) expect(c.failure!['#text']).toMatch(/npx groupcheck (check|replay) /);
  });

  it('prints the XML alone on stdout without --junit-out', async () => {
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--runs',
      '5',
      '--reporter',
      'junit',
    );
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('<?xml')).toBe(true);
    expect(parse(run.stdout).testsuites.tests).toBe('1');
  });

  it('refuses --json with XML on stdout, and --junit-out with --reporter text', async () => {
    const json = await cli('check', 'total-order', '--reporter', 'junit', '--json');
    expect(json.code).toBe(2);
    expect(json.err).toHaveLength(1);
    const text = await cli(
      'check',
      'total-order',
      '--reporter',
      'text',
      '--junit-out',
      tmp('j.xml'),
    );
    expect(text.code).toBe(2);
    expect(text.err).toHaveLength(1);
  });

  it('escapes markup, quotes and characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">&'\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\ufffd');
    const result: CheckResult = {
      protocol: 'p<&>',
      variant: 'v"1',
      kind: 'correct',
      breaks: null,
      engine: 'random',
      seed: 1,
      ok: false,
      complete: true,
      stopped: null,
      expected: false,
      runs: 1,
      steps: 1,
      elapsedMs: 12,
      memoHitRate: 0,
      violations: [
        {
          property: 'safety',
          message: 'node 0 saw <m1> & "m2"\nthen \u0007',
          nodes: [0],
          messages: [],
          step: 3,
          actions: 3,
          trace: 'traces/a&b.json',
          traceError: null,
        },
      ],
      pin: null,
    };
    const report = parse(junitXml([result]));
    const c = report.testsuites.testsuite[0]!.testcase[0]!;
    expect(report.testsuites.testsuite[0]!.name).toBe('p<&>');
    expect(c.name).toBe('v"1 (correct, random)');
    expect(c.failure!.message).toBe('safety: node 0 saw <m1> & "m2"\nthen \ufffd');
    expect(c.failure!['#text']).toContain('replay: npx groupcheck replay traces/a&b.json');
  });

  it('writes the file atomically: an unwritable path leaves nothing behind', async () => {
    const dir = tmp('out');
    fs.mkdirSync(dir);
    const run = await cli(
      'check',
      'total-order',
      '--variant',
      'sequencer',
      '--runs',
      '5',
      '--junit-out',
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.err.at(-1)).toBe(`groupcheck: --junit-out ${dir} is a directory`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
