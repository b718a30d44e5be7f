/** Semantic versions and GTO tags, against the examples of semver.org 2.0.0 and npm's semver.inc. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import {
  type Bump,
  bump,
  checkName,
  compareVersions,
  formatVersion,
  normalizeVersion,
  parseVersion,
  parseVersionTag,
  stageTag,
  versionTag,
} from '../../src/registry/semver.js';

describe('parseVersion', () => {
  it.each([
    ['1.2.3', { major: 1, minor: 2, patch: 3, prerelease: [] }],
    ['0.0.0', { major: 0, minor: 0, patch: 0, prerelease: [] }],
    ['1.0.0-alpha', { major: 1, minor: 0, patch: 0, prerelease: ['alpha'] }],
    ['1.0.0-alpha.1', { major: 1, minor: 0, patch: 0, prerelease: ['alpha', 1] }],
    ['1.0.0-0.3.7', { major: 1, minor: 0, patch: 0, prerelease: [0, 3, 7] }],
    ['1.0.0-x.7.z.92', { major: 1, minor: 0, patch: 0, prerelease: ['x', 7, 'z', 92] }],
    ['1.0.0-x-y-z.--', { major: 1, minor: 0, patch: 0, prerelease: ['x-y-z', '--'] }],
    ['10.20.30-rc.1', { major: 10, minor: 20, patch: 30, prerelease: ['rc', 1] }],
    ['1.0.0-01a', { major: 1, minor: 0, patch: 0, prerelease: ['01a'] }],
  ])('%s', (text, expected) => {
    expect(parseVersion(text)).toEqual(expected);
    expect(formatVersion(parseVersion(text) ?? expected)).toBe(text);
  });

  it.each([
    ['v1.2.3', 'a leading v (tags carry it, versions do not)'],
    ['1.2', 'two parts'],
    ['1.2.3.4', 'four parts'],
    ['01.2.3', 'a leading zero'],
    ['1.02.3', 'a leading zero'],
    ['1.2.3-01', 'a leading zero in a numeric prerelease'],
    ['1.2.3-', 'an empty prerelease'],
    ['1.2.3-a..b', 'an empty identifier'],
    ['1.2.3+build.1', 'build metadata (refused: same precedence, ambiguous version)'],
    ['1.2.3-beta+exp', 'build metadata'],
    ['1.2.3-é', 'a non-ASCII identifier'],
    [' 1.2.3', 'spaces'],
    ['9007199254740992.0.0', 'a number beyond 2^53'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (text) => {
    expect(parseVersion(text)).toBeNull();
  });
});

describe('normalizeVersion', () => {
  it.each([
    ['v1.2.0', '1.2.0'],
    ['1.2.0', '1.2.0'],
    ['v1.0.0-rc.1', '1.0.0-rc.1'],
    ['vv1.2.0', null],
    ['V1.2.0', null],
    ['latest', null],
  ])('%s → %s', (text, expected) => {
    expect(normalizeVersion(text)).toBe(expected);
  });
});

describe('compareVersions', () => {
  // semver.org §11: each one has lower precedence than the next.
  const ordered = [
    '0.9.9',
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.1',
    '1.1.0',
    '1.10.0',
    '2.0.0',
    '10.0.0',
  ];
  it('orders the semver.org precedence example', () => {
    const shuffled = [...ordered].reverse();
    shuffled.push(shuffled.shift() as string);
    expect(shuffled.sort(compareVersions)).toEqual(ordered);
  });

  it.each([
    ['1.0.0', '1.0.0', 0],
    ['1.0.0-rc.1', '1.0.0-rc.1', 0],
    ['1.0.0-2', '1.0.0-10', -1],
    ['1.0.0-10', '1.0.0-a', -1],
    ['1.0.0-B', '1.0.0-a', -1],
    ['2.0.0', '1.9.9', 1],
  ])('%s vs %s → %d', (a, b, sign) => {
    expect(compareVersions(a, b)).toBe(sign);
    expect(compareVersions(b, a)).toBe(-sign || 0);
  });

  it('throws on a string that is not a version', () => {
    expect(() => compareVersions('1.0', '1.0.0')).toThrow(/'1.0' is not a semantic version/);
  });
});

describe('bump', () => {
  it.each<[string | null, Bump, string]>([
    [null, 'patch', '1.0.0'],
    [null, 'minor', '1.0.0'],
    [null, 'major', '1.0.0'],
    ['1.0.0', 'patch', '1.0.1'],
    ['1.0.0', 'minor', '1.1.0'],
    ['1.0.0', 'major', '2.0.0'],
    ['1.2.3', 'minor', '1.3.0'],
    ['1.2.3', 'major', '2.0.0'],
    ['0.9.12', 'patch', '0.9.13'],
    // npm semver.inc: a prerelease becomes its release when that is the same step.
    ['1.2.0-rc.1', 'patch', '1.2.0'],
    ['1.2.0-rc.1', 'minor', '1.2.0'],
    ['1.2.3-rc.1', 'minor', '1.3.0'],
    ['2.0.0-rc.1', 'major', '2.0.0'],
    ['2.1.0-rc.1', 'major', '3.0.0'],
  ])('%s + %s → %s', (version, kind, expected) => {
    expect(bump(version, kind)).toBe(expected);
  });
});

describe('GTO tags', () => {
  it.each([
    ['telco-churn@v1.2.0', { model: 'telco-churn', version: '1.2.0' }],
    ['m@v0.0.1-rc.1', { model: 'm', version: '0.0.1-rc.1' }],
    ['churn2@v10.0.0', { model: 'churn2', version: '10.0.0' }],
    ['telco-churn#production', null],
    ['telco-churn@1.2.0', null],
    ['telco-churn@v1.2', null],
    ['@v1.2.0', null],
    ['Telco@v1.2.0', null],
    ['a/b@v1.0.0', null],
    ['v1.2.0', null],
  ])('%s', (tag, expected) => {
    expect(parseVersionTag(tag)).toEqual(expected);
  });

  it('formats version and stage tags', () => {
    expect(versionTag('telco-churn', '1.2.0')).toBe('telco-churn@v1.2.0');
    expect(stageTag('telco-churn', 'production')).toBe('telco-churn#production');
    expect(parseVersionTag(versionTag('x-1', '3.4.5-beta.2'))).toEqual({
      model: 'x-1',
      version: '3.4.5-beta.2',
    });
  });
});

describe('checkName', () => {
  it.each(['telco-churn', 'production', 'a', 'm2', 'x-1-y'])('accepts %s', (name) => {
    expect(checkName('model name', name)).toBe(name);
  });
  it.each(['', 'Prod', '-a', 'a-', 'a_b', 'a/b', '../x', 'a b', '.staging'])(
    'refuses %j with an InputError',
    (name) => {
      expect(() => checkName('stage', name)).toThrow(InputError);
      expect(() => checkName('stage', name)).toThrow(`stage '${name}' is not valid`);
    },
  );
});
