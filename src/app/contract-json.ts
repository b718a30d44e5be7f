import type { ContractJson } from '../domain/report.js';
import type { ModelContract, ValueInfo } from '../runtime/onnx/contract.js';

function tensor(v: ValueInfo): ContractJson['inputs'][number] {
  return { name: v.name, type: v.kind === 'tensor' ? v.type : v.kind, shape: v.shape };
}

export function contractJson(c: ModelContract): ContractJson {
  return {
    ir_version: c.irVersion,
    producer: c.producer,
    producer_version: c.producerVersion,
    model_version: c.modelVersion,
    domain: c.domain,
    doc_string: c.docString,
    opsets: c.opsets,
    metadata: c.metadata,
    inputs: c.inputs.map(tensor),
    outputs: c.outputs.map(tensor),
    operators: c.operators,
    class_labels: c.classLabels,
  };
}
