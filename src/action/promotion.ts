/**
 * `promote: true`: a passing candidate becomes the next version in the repository's registry
 * (app/promote.ts keeps the order: files, verification, version tag, then the stage). Any other
 * verdict promotes nothing, and says so in the log and the summary.
 */
import { type PromoteResult, PromotionRefused, promote } from '../app/promote.js';
import { cardToMarkdown } from '../domain/card/index.js';
import type { GateReport } from '../domain/gate/report.js';
import type { Registry, VersionFiles } from '../registry/port.js';
import type { ActionInputs } from './inputs.js';
import type { ActionDeps } from './run.js';

export interface PromotionInput {
  readonly inputs: ActionInputs;
  readonly report: GateReport;
  readonly registry: Registry;
  readonly modelName: string;
  readonly files: VersionFiles;
}

export async function promoteCandidate(
  deps: ActionDeps,
  input: PromotionInput,
): Promise<PromoteResult | null> {
  const { core } = deps;
  try {
    const result = await promote({
      registry: input.registry,
      report: input.report,
      files: input.files,
      modelName: input.modelName,
      stage: input.inputs.stage,
      bump: input.inputs.versionBump,
      now: deps.now(),
      // The action writes the card itself: the stored one names its version.
      cardText: (version) =>
        cardToMarkdown(input.report.cards.candidate, { task: input.report.task, version }),
    });
    core.info(`model-gate: ${result.message}`);
    await core.summary(
      `\n**Promotion:** ${result.message} — [${result.tag}](${result.location})\n`,
    );
    return result;
  } catch (error) {
    if (error instanceof PromotionRefused) {
      core.info(`model-gate: not promoted: ${error.message}`);
      await core.summary(`\n**Promotion:** not promoted — ${error.message}\n`);
      return null;
    }
    throw error;
  }
}
