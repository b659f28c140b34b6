import { describe, expect, it } from 'vitest';
import {
  checkHistoryInput,
  detectFormat,
} from '../../../properties/serializability/jepsen-format.ts';

describe('detectFormat', () => {
  it.each([
    ['h.edn', '{"status":"committed","ops":[]}', 'edn'],
    ['h.EDN', '', 'edn'],
    ['h.jsonl', '{"status":"committed","ops":[["r","type",null]]}', 'jsonl'],
    ['h.json', '\ufeff\n  {"id":"t1","status":"committed","ops":[]}', 'jsonl'],
    ['h.json', '{"type":"ok","value":[]}', 'elle-json'],
    ['h.jsonl', '{"index":0, "type" : "invoke"}', 'elle-json'],
    ['h.json', '[{"index":0,"type":"invoke"}]', 'elle-json'],
    ['h.json', '[\n  {\n "type": "invoke"}]', 'elle-json'],
    ['h.json', '[]', 'elle-json'],
    ['history', '{:type :invoke, :f :txn}', 'edn'],
    ['history', '[{:type :invoke}]', 'edn'],
    ['history', '[ \n {:type :invoke}]', 'edn'],
    ['history', '; Jepsen\n{:type :ok}', 'edn'],
    ['history', '(\n{:type :ok})', 'edn'],
    ['history', '#jepsen.history.Op{:type :ok}', 'edn'],
    ['history', '', 'jsonl'],
    ['history', 'garbage', 'jsonl'],
  ] as const)('%s holding %j is %s', (file, text, format) => {
    expect(detectFormat(file, text)).toBe(format);
    expect(detectFormat(file, new TextEncoder().encode(text))).toBe(format);
  });

  it('checks a history in the format it detects, or the one it is given', () => {
    const edn = '{:type :ok, :value [[:append :x 1]], :process 0}';
    expect(checkHistoryInput('h.txt', edn, 'auto').format).toBe('edn');
    expect(checkHistoryInput('h.txt', edn, 'edn').report.serializable).toBe(true);
    const json = '{"type":"ok","value":[["append","x",1]],"process":0}';
    expect(checkHistoryInput('h.json', json, 'auto').format).toBe('elle-json');
    const ours = '{"status":"committed","ops":[["append","x",1]]}';
    expect(checkHistoryInput('h.json', ours, 'auto')).toMatchObject({
      format: 'jsonl',
      style: 'list-append',
    });
    expect(() => checkHistoryInput('h.json', ours, 'elle-json')).toThrow(
      /"type" must be|type must be/,
    );
  });
});
