/** The gate report fixtures (copies of `model-gate gate` runs on the Telco fixtures) and options. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GateMarkdownReport } from '../../../src/domain/render/gate-markdown/index.js';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const OPTIONS = { marker: 'telco', fullReport: 'the workflow artifact model-gate-report' };

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(HERE, 'fixtures', name), 'utf8')) as T;
}

/** gate-pass.json, gate-fail.json or gate-drifted.json. */
export const report = (name: string) => fixture<GateMarkdownReport>(`gate-${name}.json`);
