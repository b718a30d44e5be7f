/** The card tests' fixtures: ModelJson of a real gate run (see fixtures/README.md), and their evaluation. */
import { readFileSync } from 'node:fs';
import type { CardEvaluation } from '../../../src/domain/card/build.js';
import type { ContractJson, ModelJson } from '../../../src/domain/report.js';

function read<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export const candidateModel = read<ModelJson>('telco-candidate.model.json');
export const baselineModel = read<ModelJson>('telco-baseline.model.json');
export const candidateEvaluation = read<CardEvaluation>('telco-candidate.evaluation.json');

/** `model` with its contract changed by `change`. */
export function withContract(model: ModelJson, change: Partial<ContractJson>): ModelJson {
  return { ...model, contract: { ...(model.contract as ContractJson), ...change } };
}
