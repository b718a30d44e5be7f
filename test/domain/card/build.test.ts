/** buildCard: defaults from the real Telco models, the user's card over metadata_props over defaults. */
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../../src/domain/card/build.js';
import { fieldsFromMetadata } from '../../../src/domain/card/metadata.js';
import { modelCardSchema } from '../../../src/domain/card/schema.js';
import { baselineModel, candidateEvaluation, candidateModel, withContract } from './fixtures.js';

const SOURCE = 'model-card.yml';
const HASH = 'ab'.repeat(32);

describe('buildCard defaults', () => {
  it('fills a card from the ONNX contract alone', () => {
    const card = buildCard({ sourceName: SOURCE, model: candidateModel });
    expect(card.schema).toBe(1);
    expect(card.model_details).toEqual({
      name: 'candidate',
      version: null,
      owners: [],
      license: null,
      references: [],
      date: null,
      overview: null,
    });
    expect(card.model_parameters.architecture).toBe(
      'GradientBoostingClassifier(n_estimators=200, max_depth=3, learning_rate=0.05, subsample=0.8) on numeric passthrough + OneHotEncoder(categorical), all 19 features (exported by skl2onnx 1.14.1)',
    );
    expect(card.model_parameters.training_data).toEqual({ reference: null, sha256: null });
    expect(card.model_parameters.input_format).toHaveLength(19);
    expect(card.model_parameters.input_format[0]).toEqual({
      name: 'SeniorCitizen',
      type: 'float',
      shape: [null, 1],
    });
    expect(card.model_parameters.output_format.map((t) => t.name)).toEqual([
      'label',
      'probabilities',
    ]);
    expect(card.quantitative_analysis).toEqual({ dataset: null, metrics: [] });
    expect(Object.values(card.considerations).every((list) => list.length === 0)).toBe(true);
    expect(modelCardSchema.parse(card)).toEqual(card);
  });

  it('takes the quantitative analysis from the evaluation', () => {
    const card = buildCard({
      sourceName: SOURCE,
      model: baselineModel,
      evaluation: candidateEvaluation,
    });
    expect(card.model_details.name).toBe('baseline');
    expect(card.model_parameters.input_format.map((t) => t.name)).toEqual([
      'SeniorCitizen',
      'tenure',
      'MonthlyCharges',
      'TotalCharges',
      'Contract',
    ]);
    expect(card.quantitative_analysis.dataset).toEqual(candidateEvaluation.dataset);
    expect(card.quantitative_analysis.metrics).toHaveLength(11);
    expect(card.quantitative_analysis.metrics[0]).toEqual({
      name: 'accuracy',
      value: 0.8018957345971564,
      ci: [0.7862559241706161, 0.8184952606635071],
      slice: null,
    });
  });

  it('writes NaN metrics and non-finite intervals as null', () => {
    const evaluation = {
      dataset: candidateEvaluation.dataset,
      metrics: [{ name: 'roc_auc', value: Number.NaN, ci: [0.1, Number.NaN] as const, slice: 'x' }],
    };
    const card = buildCard({ sourceName: SOURCE, model: candidateModel, evaluation });
    expect(card.quantitative_analysis.metrics).toEqual([
      { name: 'roc_auc', value: null, ci: null, slice: 'x' },
    ]);
  });

  it('names a model from its base name on any platform, and uses a set model_version', () => {
    const model = withContract(
      { ...candidateModel, path: 'C:\\models\\churn.v2.ONNX' },
      {
        model_version: 7,
      },
    );
    const card = buildCard({ sourceName: SOURCE, model });
    expect(card.model_details.name).toBe('churn.v2');
    expect(card.model_details.version).toBe('7');
  });
});

describe('metadata_props', () => {
  const metadata = {
    'Model-Name': 'churn',
    model_version: '2.1.0',
    licence: 'MIT',
    author: 'Ada Lovelace <ada@example.com>, ML team (ml@example.com); Bob',
    description: 'Predicts churn.',
    'creation date': '2024-03-05T10:00:00Z',
    url: 'https://example.com/a https://example.com/b',
    model_type: 'gbdt',
    training_data: 's3://bucket/train.csv',
    training_data_sha256: HASH.toUpperCase(),
    intended_use: '["Retention campaigns"]',
    limitations: 'US customers only\n\nMonthly data',
    users: 'CRM analysts',
    use_cases: 'Ranking',
    risks: 'Proxy discrimination',
  };

  it('maps every documented key, whatever its case and separators', () => {
    expect(fieldsFromMetadata(metadata)).toEqual({
      name: 'churn',
      version: '2.1.0',
      license: 'MIT',
      owners: [
        { name: 'Ada Lovelace', contact: 'ada@example.com' },
        { name: 'ML team', contact: 'ml@example.com' },
        { name: 'Bob' },
      ],
      references: ['https://example.com/a', 'https://example.com/b'],
      date: '2024-03-05',
      overview: 'Predicts churn.',
      architecture: 'gbdt',
      training_reference: 's3://bucket/train.csv',
      training_sha256: HASH,
      intended_use: ['Retention campaigns'],
      limitations: ['US customers only', 'Monthly data'],
      users: ['CRM analysts'],
      use_cases: ['Ranking'],
      ethical_considerations: [{ name: 'Proxy discrimination' }],
    });
  });

  it('prefers the first name of a field, and skips blank or unusable values', () => {
    expect(
      fieldsFromMetadata({
        model_name: 'second',
        name: 'first',
        date: 'last tuesday',
        training_sha256: 'abc',
        license: '  ',
      }),
    ).toEqual({ name: 'first' });
  });

  it('fills the card below the user and above the defaults', () => {
    const model = withContract(candidateModel, { metadata });
    const user = {
      model_details: { name: 'churn-gbdt', license: null, owners: [] },
      model_parameters: { training_data: { reference: 'data/train.csv' } },
      considerations: { limitations: ['Only for the churn campaign'] },
    };
    const card = buildCard({ user, sourceName: SOURCE, model });
    expect(card.model_details.name).toBe('churn-gbdt');
    // null and [] in the user's card say "none", over the metadata.
    expect(card.model_details.license).toBeNull();
    expect(card.model_details.owners).toEqual([]);
    expect(card.model_details.version).toBe('2.1.0');
    expect(card.model_details.overview).toBe('Predicts churn.');
    expect(card.model_parameters.architecture).toBe('gbdt');
    // Keys of training_data merge one by one.
    expect(card.model_parameters.training_data).toEqual({
      reference: 'data/train.csv',
      sha256: HASH,
    });
    expect(card.considerations.limitations).toEqual(['Only for the churn campaign']);
    expect(card.considerations.users).toEqual(['CRM analysts']);
  });
});

describe("the user's card", () => {
  it('accepts an empty file (null) and a full card', () => {
    expect(buildCard({ user: null, sourceName: SOURCE, model: candidateModel })).toEqual(
      buildCard({ sourceName: SOURCE, model: candidateModel }),
    );
    const user = {
      schema: 1,
      model_details: {
        name: 'churn',
        version: '3',
        owners: [{ name: 'ML team', contact: 'ml@example.com' }],
        license: 'apache-2.0',
        references: ['https://example.com'],
        date: '2024-02-29',
        overview: 'Churn model.',
      },
      model_parameters: { architecture: 'GBDT', training_data: { reference: 'r', sha256: HASH } },
      quantitative_analysis: {
        dataset: { name: 'holdout', sha256: HASH, rows: 10 },
        metrics: [{ name: 'accuracy', value: 0.9 }],
      },
      considerations: {
        intended_use: ['a'],
        limitations: ['b'],
        ethical_considerations: [{ name: 'c', mitigation_strategy: 'd' }],
        users: ['e'],
        use_cases: ['f'],
      },
    };
    const card = buildCard({ user, sourceName: SOURCE, model: candidateModel });
    expect(card.model_details).toEqual(user.model_details);
    expect(card.considerations).toEqual(user.considerations);
    expect(card.quantitative_analysis.metrics).toEqual([
      { name: 'accuracy', value: 0.9, ci: null, slice: null },
    ]);
    // What the gate measured replaces what was written.
    const measured = buildCard({
      user,
      sourceName: SOURCE,
      model: candidateModel,
      evaluation: candidateEvaluation,
    });
    expect(measured.quantitative_analysis.dataset?.name).toBe('holdout.csv');
  });
});
