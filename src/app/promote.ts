/**
 * Promotion after a passing gate: publish the candidate as the next version of the model, then
 * point the stage (production) at it. It keeps the port's order — a version exists only once its
 * files are stored and verified, and the stage moves only to a version that exists — so whatever
 * fails, the stage still points where it did and the error says what does exist.
 *
 * Re-running is safe: a model is known by its sha256, so the same candidate promoted twice
 * creates nothing new (and moves the stage only if it is not there yet). A re-run after a failed
 * stage move finishes the job.
 */

import { writeFileSync } from 'node:fs';
import { InputError } from '../domain/errors.js';
import type { GateReport, Verdict } from '../domain/gate/report.js';
import type { Registry, RegistryVersion, VersionFiles } from '../registry/port.js';
import { recordFromReport } from '../registry/record.js';
import { type Bump, checkName, bump as nextVersion, versionTag } from '../registry/semver.js';
import { sha256File } from '../registry/sha256.js';

/** The gate did not pass: nothing is promoted. The CLI exits 1 (the gate said no), not 2. */
export class PromotionRefused extends Error {
  override readonly name = 'PromotionRefused';
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly verdict: Verdict,
  ) {
    super(message);
  }
}

/**
 * Promotion started and could not finish, or met another run's version: the message says what
 * exists now and what to do. An InputError (exit 2): the user acts on it, it is no bug.
 */
// Its `name` stays 'InputError' (the base fixes it); tell it apart with instanceof.
export class PromotionFailed extends InputError {}

export interface PromoteOptions {
  readonly registry: Registry;
  /** The gate's report.json, parsed; its candidate is what gets promoted. */
  readonly report: GateReport;
  readonly files: VersionFiles;
  readonly modelName: string;
  readonly stage: string;
  readonly bump: Bump;
  readonly now: Date;
  /**
   * When model-gate wrote the card (no user's MODEL_CARD.md): its text for the version tag it is
   * stored under, written over files.card once the version is known, so the card says it.
   */
  readonly cardText?: (tag: string) => string;
}

export interface PromoteResult {
  /** 'unchanged': the stage already pointed at this model's version; nothing was written. */
  readonly action: 'promoted' | 'unchanged';
  readonly version: string;
  /** `<model>@v<version>`, GTO's name for the version (a git tag in the GitHub registry). */
  readonly tag: string;
  readonly stage: string;
  readonly location: string;
  /** A new version was published (false: the model was already registered). */
  readonly published: boolean;
  /** The version the stage pointed at before; null when it was never set. */
  readonly previous: string | null;
  /** One sentence for the log and the job summary. */
  readonly message: string;
}

const v = (version: string | null | undefined) => (version == null ? 'nothing' : `v${version}`);

export async function promote(options: PromoteOptions): Promise<PromoteResult> {
  const { registry, report, files, modelName, stage } = options;
  checkName('model name', modelName);
  checkName('stage', stage);
  const verdict = report.decision.verdict;
  if (verdict !== 'PASS') {
    throw new PromotionRefused(
      `${modelName} is not promoted to ${stage}: the gate's verdict is ${verdict}, and only a PASS is promoted`,
      verdict,
    );
  }
  const candidate = report.models.candidate;
  // Reports older than the predictions mode have no source: they ran the model.
  if (candidate.source === 'predictions' && candidate.predictions?.model_sha256 == null) {
    throw new InputError(
      `the gate read the candidate as predictions ('${candidate.path}') that do not record which model made them, so no model file can be shown to be the one that passed`,
      "Promote from a gate that ran the model as ONNX, or from the files 'model-gate predict' wrote (they carry the model's sha256).",
    );
  }
  const sha256 = candidate.sha256;
  await checkModel(files.model, sha256);

  const current = await registry.stage(stage);
  const all = await registry.versions();
  const registered = all.find((x) => x.record.model_sha256 === sha256);
  if (registered !== undefined) return moveTo(options, registered, current, false);

  const version = nextVersion(all[0]?.version ?? null, options.bump);
  const record = recordFromReport(report, { modelName, version, now: options.now });
  if (options.cardText) writeFileSync(files.card, options.cardText(versionTag(modelName, version)));
  let published: RegistryVersion;
  try {
    published = await registry.publish(record, files);
  } catch (error) {
    const theirs = await afterFailedPublish(options, version, sha256, current, error);
    return moveTo(options, theirs, current, false);
  }
  return moveTo(options, published, current, true);
}

/** The report must be about the file being published, or the record would lie about it. */
async function checkModel(path: string, expected: string): Promise<void> {
  let actual: string;
  try {
    actual = await sha256File(path);
  } catch (error) {
    throw new InputError(
      `the candidate model '${path}' cannot be read: ${(error as Error).message}`,
    );
  }
  if (actual !== expected) {
    throw new InputError(
      `the candidate model '${path}' has sha256 ${actual}, but the gate's report is about a model with sha256 ${expected}`,
      "Promote the model the gate ran on, with that run's report.json (or run the gate again).",
    );
  }
}

/**
 * publish threw. If the version now exists with this model, another run published it first and
 * the job continues; with another model, that is a conflict; else nothing was published.
 */
async function afterFailedPublish(
  options: PromoteOptions,
  version: string,
  sha256: string,
  current: RegistryVersion | null,
  error: unknown,
): Promise<RegistryVersion> {
  const { registry, modelName, stage } = options;
  const cause = (error as Error).message;
  const hint = error instanceof InputError ? error.hint : undefined;
  const there = (await registry.versions().catch(() => [])).find((x) => x.version === version);
  if (there !== undefined && there.record.model_sha256 === sha256) return there;
  if (there !== undefined) {
    throw new PromotionFailed(
      `${versionTag(modelName, version)} already exists in ${registry.description} with another model (sha256 ${there.record.model_sha256}); this candidate is sha256 ${sha256}. ${stage} still points at ${v(current?.version)}`,
      'Another run published this version first; re-run to publish this model as the next version.',
    );
  }
  throw new PromotionFailed(
    `${versionTag(modelName, version)} was not published: ${cause}. ${stage} still points at ${v(current?.version)}`,
    hint ?? 'Fix the cause and re-run: promotion publishes, then moves the stage.',
  );
}

async function moveTo(
  options: PromoteOptions,
  target: RegistryVersion,
  current: RegistryVersion | null,
  published: boolean,
): Promise<PromoteResult> {
  const { registry, modelName, stage } = options;
  const tag = versionTag(modelName, target.version);
  const base = {
    version: target.version,
    tag,
    stage,
    location: target.location,
    published,
    previous: current?.version ?? null,
  };
  if (current?.version === target.version) {
    const message = `${tag} is already registered and ${stage} points at it: nothing to do`;
    return { ...base, action: 'unchanged', message };
  }
  if (target.record.verdict !== 'PASS') {
    throw new PromotionRefused(
      `${tag} holds this model, but its record says ${target.record.verdict}; ${stage} is not moved to it and still points at ${v(current?.version)}`,
      target.record.verdict,
    );
  }
  try {
    await registry.moveStage(stage, target.version);
  } catch (error) {
    const what = published ? 'was published' : 'exists';
    throw new PromotionFailed(
      `${tag} ${what} (${target.location}) but ${stage} still points at ${v(current?.version)}: ${(error as Error).message}`,
      `Re-run to move ${stage}: the model is registered, so nothing is published twice.`,
    );
  }
  const how = published
    ? `published ${tag} and moved ${stage} to it`
    : `${tag} was already registered: moved ${stage} to it`;
  return { ...base, action: 'promoted', message: `${how} (from ${v(current?.version)})` };
}
