/** Task inference and class resolution, table-driven. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import {
  resolveBinary,
  resolveMulticlass,
  resolveTask,
  type TaskEvidence,
} from '../../src/domain/task.js';

const base: TaskEvidence = {
  requested: undefined,
  scoreWidth: 2,
  output: 'probabilities',
  labelName: 'y',
  labelKind: 'number',
  distinct: [0, 1],
};

describe('resolveTask', () => {
  it.each([
    [{ scoreWidth: 2 }, 'binary', /2 values per row/],
    [
      { scoreWidth: 5, distinct: ['a', 'b', 'c', 'd', 'e'], labelKind: 'category' },
      'multiclass',
      /5 values per row/,
    ],
    [{ scoreWidth: 1, distinct: [0, 1] }, 'binary', /takes two values/],
    [{ scoreWidth: 1, distinct: [1.5, 2, 3.25] }, 'regression', /numeric with 3 values/],
    [
      {
        scoreWidth: 1,
        distinct: Array.from({ length: 1000 }, (_, i) => i),
        distinctTruncated: true,
      },
      'regression',
      /more than 1000 values/,
    ],
  ] as const)('%o -> %s', (evidence, task, reason) => {
    const resolved = resolveTask({ ...base, ...evidence });
    expect(resolved.task).toBe(task);
    expect(resolved.inferred).toBe(true);
    expect(resolved.reason).toMatch(reason);
  });

  it.each([
    [{ requested: 'regression', scoreWidth: 2 }, /--task regression does not fit/],
    [{ requested: 'multiclass', scoreWidth: 2 }, /--task multiclass does not fit/],
    [
      { requested: 'regression', scoreWidth: 1, labelKind: 'category', distinct: ['a', 'b', 'c'] },
      /needs a numeric label/,
    ],
    [{ scoreWidth: 1, labelKind: 'category', distinct: ['a', 'b', 'c'] }, /cannot tell the task/],
  ] as const)('%o is refused', (evidence, message) => {
    expect(() => resolveTask({ ...base, ...evidence })).toThrow(InputError);
    expect(() => resolveTask({ ...base, ...evidence })).toThrow(message);
  });
});

describe('resolveBinary', () => {
  it('follows the model classes and defaults to the second one, as scikit-learn', () => {
    expect(resolveBinary('y', [0, 1], [0, 1], undefined)).toEqual({
      classes: ['0', '1'],
      column: 1,
      positiveInferred: true,
    });
    expect(resolveBinary('y', ['No', 'Yes'], ['Yes', 'No'], undefined)).toEqual({
      classes: ['Yes', 'No'],
      column: 1,
      positiveInferred: true,
    });
    expect(resolveBinary('y', ['No', 'Yes'], null, 'No')).toEqual({
      classes: ['Yes', 'No'],
      column: 0,
      positiveInferred: false,
    });
    expect(resolveBinary('y', [0, 1], null, '1.0').classes[1]).toBe('1');
  });

  it('refuses labels the model does not know and a positive label the column lacks', () => {
    expect(() => resolveBinary('y', ['No', 'Yes'], [0, 1], undefined)).toThrow(
      /the model's classes are '0', '1'/,
    );
    expect(() => resolveBinary('y', [0, 1], null, 'Yes')).toThrow(
      /--positive-label 'Yes' is not a value/,
    );
    expect(() => resolveBinary('y', [1], null, undefined)).toThrow(/has 1: '1'/);
  });
});

describe('resolveMulticlass', () => {
  it('uses the model classes, else the sorted labels', () => {
    expect(resolveMulticlass('y', ['a', 'b', 'c'], ['c', 'b', 'a'], 3)).toEqual(['c', 'b', 'a']);
    expect(resolveMulticlass('y', [0, 1, 2], null, 3)).toEqual(['0', '1', '2']);
    expect(() => resolveMulticlass('y', [0, 1], null, 3)).toThrow(/holds 2 values/);
  });
});
