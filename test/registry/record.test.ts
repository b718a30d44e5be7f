/** The decision record: built from a real gate report, validated on the way back in, and as a tag message. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import type { GateReport } from '../../src/domain/gate/report.js';
import type { DecisionRecord } from '../../src/registry/port.js';
import {
  parseRecord,
  parseRecordJson,
  parseRecordText,
  recordFromReport,
  recordSummary,
  recordText,
} from '../../src/registry/record.js';
import { gateReport } from './helpers.js';

const NOW = new Date('2025-03-01T12:00:00Z');
const context = { modelName: 'telco-churn', version: '1.2.0', now: NOW };

function record(overrides: Partial<Record<keyof DecisionRecord, unknown>> = {}): unknown {
  return { ...recordFromReport(gateReport('pass'), context), ...overrides };
}

describe('recordFromReport', () => {
  it("records the candidate's model, data, config, verdict and overall metrics", () => {
    const report = gateReport('pass');
    const r = recordFromReport(report, context);
    expect(r).toMatchObject({
      schema: 1,
      model_name: 'telco-churn',
      version: '1.2.0',
      model_sha256: report.models.candidate.sha256,
      holdout_sha256: report.data.holdout.sha256,
      config_sha256: report.config.sha256,
      verdict: 'PASS',
      created_at: '2025-03-01T12:00:00.000Z',
    });
    expect(r.metrics).toEqual(report.metrics.candidate);
    expect(r.metrics.roc_auc).toBeCloseTo(0.8412189337264339, 15);
  });

  it('records the commit, and null for reports written before the gate recorded it', () => {
    const old = gateReport('pass');
    expect('commit' in old).toBe(false);
    expect(recordFromReport(old, context).commit).toBeNull();
    const commit = 'a'.repeat(40);
    expect(recordFromReport({ ...old, commit }, context).commit).toBe(commit);
  });

  it('writes null for NaN, infinite and null metrics', () => {
    const base = gateReport('fail');
    const candidate = { ...base.metrics.candidate, roc_auc: Number.NaN, r2: Infinity };
    (candidate as Record<string, unknown>).mape = null;
    const report: GateReport = { ...base, metrics: { ...base.metrics, candidate } };
    const r = recordFromReport(report, context);
    expect(r.metrics).toMatchObject({ roc_auc: null, r2: null, mape: null });
    expect(r.verdict).toBe('FAIL');
  });

  it('refuses a model name that cannot be a tag', () => {
    expect(() =>
      recordFromReport(gateReport('pass'), { ...context, modelName: 'Telco Churn' }),
    ).toThrow("model name 'Telco Churn' is not valid");
  });
});

describe('parseRecord', () => {
  it('round-trips through JSON', () => {
    const r = record();
    expect(parseRecord(JSON.parse(JSON.stringify(r)), 'x')).toEqual(r);
  });

  it.each([
    [{ metrics: { roc_auc: 'high' } }, "key 'metrics.roc_auc' must be a number"],
    [{ verdict: 'MAYBE' }, "key 'verdict' must be one of 'PASS', 'FAIL', 'INCONCLUSIVE'"],
    [{ model_sha256: 'abc' }, "key 'model_sha256' must be a sha256"],
    [{ version: 'v1.2.0' }, "key 'version' must be a semantic version"],
    [{ schema: 2 }, "key 'schema' must be 1"],
    [{ created_at: 'yesterday' }, "key 'created_at'"],
    [{ commit: undefined }, "missing key 'commit'"],
  ])('%j → names the source and the key', (overrides, message) => {
    const source = 'models/telco-churn/versions/1.2.0/record.json';
    const attempt = () => parseRecord(record(overrides), source);
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(`${source} is not a valid decision record: `);
    expect(attempt).toThrow(message);
  });

  it('refuses what is not an object', () => {
    expect(() => parseRecord([1], 'r.json')).toThrow(
      'r.json is not a decision record: expected a JSON object (got a list)',
    );
  });

  it('names the line of a JSON syntax error', () => {
    const text = '{\n  "schema": 1,\n  "model_name": "x",,\n}';
    expect(() => parseRecordJson(text, 'r.json')).toThrow(/^r\.json is not valid JSON \(line 3\)/);
  });
});

describe('tag message', () => {
  const r = record() as DecisionRecord;

  it('starts with a summary line, then a blank line, then the JSON', () => {
    const text = recordText(r);
    const [first, second, ...rest] = text.split('\n');
    expect(first).toBe('telco-churn v1.2.0: PASS (roc_auc 0.8412)');
    expect(second).toBe('');
    expect(JSON.parse(rest.join('\n'))).toEqual(r);
    expect(parseRecordText(text, 'tag telco-churn@v1.2.0')).toEqual(r);
  });

  it.each([
    [{ roc_auc: null, accuracy: 0.75 }, 'telco-churn v1.2.0: PASS (accuracy 0.7500)'],
    [{ rmse: 1.23456 }, 'telco-churn v1.2.0: PASS (rmse 1.2346)'],
    [{ pinball: 0.5 }, 'telco-churn v1.2.0: PASS (pinball 0.5000)'],
    [{}, 'telco-churn v1.2.0: PASS'],
  ])('summary of metrics %j', (metrics, line) => {
    expect(recordSummary({ ...r, metrics })).toBe(line);
  });

  it('reads a message with CRLF line ends and a signature appended', () => {
    const signed = `${recordText(r)}-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n`;
    expect(parseRecordText(signed.replace(/\n/g, '\r\n'), 'tag t')).toEqual(r);
  });

  it.each([
    ['telco-churn v1.2.0: PASS', 'tag t holds no decision record'],
    ['summary\n\n', 'tag t holds no decision record'],
    ['summary\n\n{"schema": 1,', /^tag t is not valid JSON \(line 3\)/],
    ['summary\n\n{"schema": 1}', "tag t is not a valid decision record: missing key 'model_name'"],
  ])('refuses %j', (text, message) => {
    expect(() => parseRecordText(text, 'tag t')).toThrow(message);
  });
});
