/**
 * Semantic versions of a registered model (https://semver.org, 2.0.0) and the GTO tags that
 * carry them: `<model>@v<semver>` for a version, `<model>#<stage>` for a stage. Versions are
 * MAJOR.MINOR.PATCH with an optional prerelease; build metadata (`+build`) is refused, because
 * two versions that differ only in it have the same precedence and one registry could not tell
 * which is newer. Names follow GTO's rule without its `/` (a name is one folder and one tag part).
 */
import { InputError } from '../domain/errors.js';

export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Dot-separated identifiers; numeric ones as numbers. Empty for a release. */
  readonly prerelease: readonly (string | number)[];
}

export const VERSION_BUMPS = ['patch', 'minor', 'major'] as const;
export type Bump = (typeof VERSION_BUMPS)[number];

/** The first version of a model. */
export const FIRST_VERSION = '1.0.0';

const NUMBER = '0|[1-9]\\d*';
const IDENTIFIER = `(?:${NUMBER}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
const SEMVER = new RegExp(
  `^(${NUMBER})\\.(${NUMBER})\\.(${NUMBER})(?:-(${IDENTIFIER}(?:\\.${IDENTIFIER})*))?$`,
);

/** GTO's name rule (lowercase letters, digits, inner '-'), for models and stages. */
export const NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Returns `name` when it is a valid model or stage name; else an InputError saying the rule. */
export function checkName(what: 'model name' | 'stage', name: string): string {
  if (NAME.test(name)) return name;
  throw new InputError(
    `${what} '${name}' is not valid: it becomes a folder and a tag, so it may hold only lowercase letters, digits and inner '-'`,
    what === 'stage'
      ? "Use a stage such as 'production' or 'staging'."
      : "Use a name such as 'telco-churn'.",
  );
}

/** Parses `1.2.0` or `1.2.0-rc.1` (no leading v); null when the text is not a version. */
export function parseVersion(text: string): SemVer | null {
  const match = SEMVER.exec(text);
  if (match === null) return null;
  const [, major, minor, patch, pre] = match;
  const numbers = [major, minor, patch].map(Number);
  if (!numbers.every(Number.isSafeInteger)) return null;
  const prerelease =
    pre === undefined ? [] : pre.split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id));
  if (prerelease.some((id) => typeof id === 'number' && !Number.isSafeInteger(id))) return null;
  return {
    major: numbers[0] as number,
    minor: numbers[1] as number,
    patch: numbers[2] as number,
    prerelease,
  };
}

/** Accepts `v1.2.0` as well as `1.2.0`; returns the version without the v, or null. */
export function normalizeVersion(text: string): string | null {
  const bare = text.startsWith('v') ? text.slice(1) : text;
  const parsed = parseVersion(bare);
  return parsed === null ? null : formatVersion(parsed);
}

export function formatVersion(version: SemVer): string {
  const core = `${version.major}.${version.minor}.${version.patch}`;
  return version.prerelease.length === 0 ? core : `${core}-${version.prerelease.join('.')}`;
}

function toSemVer(version: string | SemVer): SemVer {
  if (typeof version !== 'string') return version;
  const parsed = parseVersion(version);
  if (parsed === null) throw new Error(`'${version}' is not a semantic version`);
  return parsed;
}

function compareIdentifiers(a: string | number, b: string | number): number {
  // Numeric identifiers sort numerically and before alphanumeric ones (semver 11.4.1–11.4.3).
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Semver precedence: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string | SemVer, b: string | SemVer): number {
  const x = toSemVer(a);
  const y = toSemVer(b);
  const core = Math.sign(x.major - y.major || x.minor - y.minor || x.patch - y.patch);
  if (core !== 0) return core;
  // A prerelease has lower precedence than its release (semver 11.3).
  if (x.prerelease.length === 0 || y.prerelease.length === 0) {
    return Math.sign(y.prerelease.length - x.prerelease.length);
  }
  const length = Math.min(x.prerelease.length, y.prerelease.length);
  for (let i = 0; i < length; i++) {
    const order = compareIdentifiers(
      x.prerelease[i] as string | number,
      y.prerelease[i] as string | number,
    );
    if (order !== 0) return order;
  }
  return Math.sign(x.prerelease.length - y.prerelease.length);
}

/**
 * The next version after `version` (null: none yet → 1.0.0). A prerelease bumps to its own
 * release where that is the same step, as npm's `semver.inc` does: 1.2.0-rc.1 + minor = 1.2.0.
 */
export function bump(version: string | null, kind: Bump): string {
  if (version === null) return FIRST_VERSION;
  const { major, minor, patch, prerelease } = toSemVer(version);
  const pre = prerelease.length > 0;
  switch (kind) {
    case 'major':
      return pre && minor === 0 && patch === 0 ? `${major}.0.0` : `${major + 1}.0.0`;
    case 'minor':
      return pre && patch === 0 ? `${major}.${minor}.0` : `${major}.${minor + 1}.0`;
    case 'patch':
      return pre ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
  }
}

/** `telco-churn@v1.2.0`: the GTO tag of a version. */
export function versionTag(model: string, version: string): string {
  return `${model}@v${version}`;
}

/** `telco-churn#production`: the GTO tag of a stage. */
export function stageTag(model: string, stage: string): string {
  return `${model}#${stage}`;
}

/** Parses `<model>@v<semver>`; null for any other tag (a stage tag, a release tag, ...). */
export function parseVersionTag(tag: string): { model: string; version: string } | null {
  const at = tag.lastIndexOf('@v');
  if (at <= 0) return null;
  const model = tag.slice(0, at);
  const version = tag.slice(at + 2);
  if (!NAME.test(model) || parseVersion(version) === null) return null;
  return { model, version };
}
