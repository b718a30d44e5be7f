/**
 * The ONNX contract decoded from the protobuf agrees with what the onnx Python library read from
 * the same files (oracle.json models.*.onnx_signature), and ZipMap stripping yields a model
 * onnxruntime runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/runtime/model.js';
import { decodeContract } from '../../src/runtime/onnx/contract.js';
import { WireError } from '../../src/runtime/onnx/wire.js';
import { stripZipMap } from '../../src/runtime/onnx/zipmap.js';
import { readJson } from '../support/reference.js';

type Signature = {
  inputs: { name: string; type: string; shape: (number | null)[] }[];
  outputs: { name: string; type: string; shape: (number | null)[] }[];
  opset_import: Record<string, number>;
  ir_version: number;
  producer: string;
};

describe.each(['classification_telco_churn', 'regression_california_housing'])('%s', (task) => {
  const oracle = readJson(`fixtures/${task}/oracle.json`) as {
    models: Record<string, { onnx_signature: Signature }>;
  };
  it.each(['baseline', 'candidate', 'candidate_worse'])('%s matches onnx.load()', (model) => {
    const contract = decodeContract(readFileSync(`fixtures/${task}/${model}.onnx`));
    const expected = oracle.models[model]?.onnx_signature as Signature;
    expect(contract.inputs.map(({ name, type, shape }) => ({ name, type, shape }))).toEqual(
      expected.inputs,
    );
    expect(contract.outputs.map(({ name, type, shape }) => ({ name, type, shape }))).toEqual(
      expected.outputs,
    );
    expect(contract.opsets).toEqual(expected.opset_import);
    expect(contract.irVersion).toBe(expected.ir_version);
    expect(`${contract.producer} ${contract.producerVersion}`).toBe(expected.producer);
    expect(contract.docString.length).toBeGreaterThan(0);
  });
});

describe('operators and class labels', () => {
  it('counts operators by domain', () => {
    const contract = decodeContract(
      readFileSync('fixtures/classification_telco_churn/candidate.onnx'),
    );
    expect(contract.operators['ai.onnx.ml:TreeEnsembleClassifier']).toBe(1);
    expect(contract.classLabels).toEqual([0, 1]);
  });

  it('reads string class labels from a ZipMap', () => {
    const contract = decodeContract(readFileSync('fixtures/extra/multiclass_zipmap.onnx'));
    expect(contract.classLabels).toEqual([
      '<1H OCEAN',
      'INLAND',
      'ISLAND',
      'NEAR BAY',
      'NEAR OCEAN',
    ]);
    expect(contract.outputs.find((o) => o.name === 'output_probability')?.kind).toBe('sequence');
  });
});

describe('stripZipMap', () => {
  it('replaces the seq(map) output with the probability tensor and leaves other bytes alone', async () => {
    const bytes = readFileSync('fixtures/extra/multiclass_zipmap.onnx');
    const { bytes: stripped, replaced } = stripZipMap(bytes);
    expect(replaced).toEqual({ output_probability: 'probabilities' });
    const after = decodeContract(stripped);
    expect(after.outputs.map((o) => o.name)).toEqual(['output_label', 'probabilities']);
    expect(after.operators.ZipMap ?? after.operators['ai.onnx.ml:ZipMap']).toBeUndefined();
    expect(after.metadata).toEqual(decodeContract(bytes).metadata);
    const model = await loadModel('fixtures/extra/multiclass_zipmap.onnx', 'model', { threads: 1 });
    expect(model.session.outputNames).toContain('probabilities');
  });

  it('leaves a model without ZipMap byte for byte', () => {
    const bytes = readFileSync('fixtures/classification_telco_churn/baseline.onnx');
    expect(stripZipMap(bytes).bytes).toBe(bytes);
  });

  it('refuses truncated protobuf', () => {
    expect(() => decodeContract(readFileSync('fixtures/extra/truncated.onnx'))).toThrow(WireError);
  });
});
