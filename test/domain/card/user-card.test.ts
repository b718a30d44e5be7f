/** model-card.yml errors: one InputError (exit 2) naming the file, the key path and what to do. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCard } from '../../../src/domain/card/build.js';
import { InputError } from '../../../src/domain/errors.js';
import { candidateModel } from './fixtures.js';

const SOURCE = 'models/churn/model-card.yml';

function failure(user: unknown): InputError {
  try {
    buildCard({ user, sourceName: SOURCE, model: candidateModel });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('buildCard accepted the card');
}

describe('model-card.yml errors', () => {
  const cases: [string, unknown, string, string | undefined][] = [
    [
      'unknown section, with the nearest one',
      { model_detail: { name: 'x' } },
      `unknown key 'model_detail' at the top level of ${SOURCE}; did you mean 'model_details'?`,
      undefined,
    ],
    [
      'unknown key inside a section, with the nearest one',
      { model_details: { licence: 'MIT' } },
      `unknown key 'licence' in model_details of ${SOURCE}; did you mean 'license'?`,
      undefined,
    ],
    [
      'unknown key inside a list item',
      { considerations: { ethical_considerations: [{ name: 'x', mitigation: 'y' }] } },
      `unknown key 'mitigation' in considerations.ethical_considerations[0] of ${SOURCE}; did you mean 'mitigation_strategy'?`,
      undefined,
    ],
    [
      'a far-off key lists the keys there',
      { model_parameters: { zzzzzzzzzz: 1 } },
      `unknown key 'zzzzzzzzzz' in model_parameters of ${SOURCE}`,
      'The keys there are: architecture, training_data, input_format, output_format, scores.',
    ],
    [
      'wrong type, with the YAML hint',
      parse('model_details:\n  version: 1.10\n'),
      `${SOURCE}: model_details.version must be a string (got 1.1)`,
      "YAML reads 1.1 as a number; quote it: '1.1'.",
    ],
    [
      'a list given as text',
      { considerations: { limitations: 'only US' } },
      `${SOURCE}: considerations.limitations must be a list (got 'only US')`,
      undefined,
    ],
    [
      'bad sha256',
      { model_parameters: { training_data: { sha256: 'abc123' } } },
      `${SOURCE}: model_parameters.training_data.sha256 must be a SHA-256: 64 hexadecimal digits (got 'abc123')`,
      'Write the hash as `sha256sum FILE` prints it.',
    ],
    [
      'bad date',
      { model_details: { date: '2024-02-30' } },
      `${SOURCE}: model_details.date must be a date as YYYY-MM-DD (got '2024-02-30')`,
      undefined,
    ],
    [
      'a missing key in a list item',
      { model_details: { owners: [{ contact: 'a@example.com' }] } },
      `missing key 'name' in model_details.owners[0] of ${SOURCE}`,
      undefined,
    ],
    [
      'the ONNX inputs cannot be written',
      { model_parameters: { input_format: [{ name: 'x' }] } },
      `${SOURCE}: model_parameters.input_format is read from the ONNX model, not from the card`,
      'Remove it: the card lists the ONNX inputs and outputs itself.',
    ],
    ['another schema version', { schema: 2 }, `${SOURCE}: schema must be 1 (got 2)`, undefined],
  ];

  it.each(cases)('%s', (_, user, message, hint) => {
    const error = failure(user);
    expect(error.message).toBe(message);
    if (hint !== undefined) expect(error.hint).toBe(hint);
  });

  it('a card that is not a mapping', () => {
    const error = failure(['model_details']);
    expect(error.message).toBe(
      `${SOURCE} must hold a model card: a mapping with sections such as model_details: (got a list)`,
    );
  });

  it('lists several problems in one message', () => {
    const error = failure({
      model_details: { nmae: 'x', date: 'soon' },
      considerations: { users: [1] },
    });
    expect(error.message).toBe(
      [
        `${SOURCE} has 3 problems:`,
        "  - unknown key 'nmae' in model_details; did you mean 'name'?",
        "  - model_details.date must be a date as YYYY-MM-DD (got 'soon')",
        '  - considerations.users[0] must be a string (got 1)',
      ].join('\n'),
    );
  });
});
