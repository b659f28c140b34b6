import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  parseTrace,
  readTrace,
  TraceError,
  traceText,
  writeTrace,
  type Trace,
} from '../../checkers/trace.ts';
import { cleanTrace, editable, mutantTrace, useTempFiles, type Editable } from './helpers.ts';

const tmp = useTempFiles();

let violating: Trace;
let clean: Trace;

beforeAll(async () => {
  violating = await mutantTrace('lamport-no-dedup', tmp());
  clean = cleanTrace('sequencer');
});

/** The message `parseTrace` throws for `data`, or null if it accepts it. */
function parseError(data: unknown, where?: string): string | null {
  try {
    parseTrace(data, where);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(TraceError);
    return (e as Error).message;
  }
}

describe('writeTrace and readTrace', () => {
  it.each([
    ['a violating trace', () => violating],
    ['a clean trace', () => clean],
  ])('round-trip %s', (_, trace) => {
    const file = tmp();

    writeTrace(file, trace());

    expect(readTrace(file)).toEqual(trace());
  });

  it('round-trips a trace with no actions', () => {
    const file = tmp();
    const empty: Trace = { ...clean, actions: [], states: [] };

    writeTrace(file, empty);

    expect(readTrace(file)).toEqual(empty);
  });

  it('leaves no temporary file behind', () => {
    const file = tmp();

    writeTrace(file, violating);
    writeTrace(file, clean);

    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it('replaces an existing trace completely', () => {
    const file = tmp();
    const longer = violating.actions.length > clean.actions.length ? violating : clean;
    const shorter = longer === violating ? clean : violating;
    writeTrace(file, longer);

    writeTrace(file, shorter);

    expect(fs.readFileSync(file, 'utf8')).toBe(traceText(shorter));
  });

  it('keeps the previous trace intact when the write fails', () => {
    const file = tmp();
    writeTrace(file, violating);
    // Block the temporary file, so writing it fails before the target is touched.
    fs.mkdirSync(`${file}.tmp-${process.pid}`);

    expect(() => writeTrace(file, clean)).toThrow();

    expect(fs.readFileSync(file, 'utf8')).toBe(traceText(violating));
  });

  it('creates no target when the write fails', () => {
    const file = tmp();
    fs.mkdirSync(`${file}.tmp-${process.pid}`);

    expect(() => writeTrace(file, clean)).toThrow();

    expect(fs.existsSync(file)).toBe(false);
  });

  it('leaves no temporary file behind when the rename fails', () => {
    const dir = tmp('target');
    fs.mkdirSync(dir);

    expect(() => writeTrace(dir, clean)).toThrow();

    expect(fs.readdirSync(path.dirname(dir))).toEqual(['target']);
  });
});

describe('readTrace', () => {
  it('names the file and the reason when it cannot be read', () => {
    const file = tmp('absent.json');

    expect(() => readTrace(file)).toThrow(new TraceError(`cannot read ${file}: ENOENT`));
  });

  it('names the file when it is not JSON', () => {
    const file = tmp();
    fs.writeFileSync(file, traceText(violating).slice(0, 100));

    expect(() => readTrace(file)).toThrow(`${file} is not JSON`);
  });

  it('names the file when it is not a valid trace', () => {
    const file = tmp();
    fs.writeFileSync(file, JSON.stringify({ ...violating, seed: 'one' }));

    expect(() => readTrace(file)).toThrow(`${file} is not a valid trace: seed:`);
  });
});

describe('parseTrace', () => {
  it('accepts what writeTrace writes', () => {
    expect(parseTrace(JSON.parse(traceText(violating)))).toEqual(violating);
  });

  it.each([
    ['protocol', (t: Editable) => delete t.protocol],
    ['seed', (t: Editable) => (t.seed = 1.5)],
    ['config', (t: Editable) => (t.config = [1])],
    ['nodes', (t: Editable) => (t.nodes = 'p0')],
    ['actions.2.type', (t: Editable) => (t.actions[2].type = 'teleport')],
    ['actions.2.msg.type', (t: Editable) => delete t.actions[2].msg.type],
    ['actions.0.node', (t: Editable) => (t.actions[0].node = -1)],
    ['actions.3', (t: Editable) => (t.actions[3].extra = 1)],
    ['states.1', (t: Editable) => (t.states[1] = t.states[1].toUpperCase())],
    ['violation.step', (t: Editable) => (t.violation.step = 'last')],
    ['violation.nodes.0', (t: Editable) => (t.violation.nodes[0] = 0.5)],
    ['(root)', (t: Editable) => (t.extra = true)],
  ])('names the offending field %s', (field, edit) => {
    const trace = editable(violating);
    edit(trace);

    const message = parseError(trace, 'x.json');

    expect(message).toMatch(/^x\.json is not a valid trace: /);
    expect(message).toContain(`: ${field}: `);
  });

  it.each([
    ['format', { format: 'elsewhere' }, /not a groupcheck trace \(format: "elsewhere"\)/],
    ['version', { version: 2 }, /trace version 2; this groupcheck reads version 1/],
    ['missing version', { version: undefined }, /trace version undefined/],
  ])('checks the %s first', (_, edit, message) => {
    expect(parseError({ ...violating, ...edit, seed: 'bad too' })).toMatch(message);
  });

  it.each([null, 42, 'text', []])('rejects %j as not a trace', (data) => {
    expect(parseError(data)).toMatch(/^trace is not a groupcheck trace/);
  });
});

describe('traceText', () => {
  it('is the trace as JSON, ending in a newline', () => {
    const text = traceText(violating);

    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(violating);
  });

  it('puts one action per line, and one state per line', () => {
    const lines = traceText(violating).split('\n');

    const entries = (key: string) => {
      const start = lines.indexOf(`  "${key}": [`);
      const end = lines.indexOf('  ],', start);
      return lines.slice(start + 1, end).map((l) => JSON.parse(l.trim().replace(/,$/, '')));
    };
    expect(entries('actions')).toEqual(violating.actions);
    expect(entries('states')).toEqual(violating.states);
  });

  it('writes empty arrays inline', () => {
    const text = traceText({ ...clean, actions: [], states: [] });

    expect(text).toContain('"actions": [],');
    expect(text).toContain('"states": [],');
  });

  it.each(["$'", '$&'])('keeps a payload containing %s intact', (id) => {
    const trace = editable(violating);
    trace.actions[0].event.id = id;

    expect(JSON.parse(traceText(trace))).toEqual(trace);
  });

  it('keeps a payload containing the placeholder text intact', () => {
    const trace = editable(violating);
    trace.actions[0].event.id = '@states';

    expect(JSON.parse(traceText(trace))).toEqual(trace);
  });
});
