/**
 * The command line: dispatch to a command, print errors, choose the exit code.
 * 0 done (or the gate passed), 1 the gate said no, 2 bad input or usage, 3 a bug in model-gate.
 */
import { isInputError } from '../domain/errors.js';
import { closest } from '../domain/text.js';
import { VERSION } from '../version.js';
import type { CommandIo } from './evaluate-command.js';
import { stderrProgress } from './progress.js';

export const EXIT = { ok: 0, gateFailed: 1, badInput: 2, bug: 3 } as const;

export interface Command {
  readonly summary: string;
  readonly run: (argv: readonly string[], io: CommandIo) => Promise<number>;
}

/**
 * Commands load on first use: `evaluate` does not pay for the gate's statistics, the config
 * schema or YAML at start-up (about 20 MB of peak RSS on the 1M-row bench).
 */
export const COMMANDS: Record<string, Command> = {
  evaluate: {
    summary: 'run one ONNX model on a holdout and compute its metrics',
    run: async (argv, io) => (await import('./evaluate-command.js')).runEvaluate(argv, io),
  },
  predict: {
    summary: "write a model's scores on a holdout (or one shard of it) for the gate to read",
    run: async (argv, io) => (await import('./predict-command.js')).runPredict(argv, io),
  },
  drift: {
    summary: 'compare current data with the training reference, column by column',
    run: async (argv, io) => (await import('./drift-command.js')).runDrift(argv, io),
  },
  gate: {
    summary: 'may the candidate replace the baseline? paired statistics, slices, drift, verdict',
    run: async (argv, io) => (await import('./gate-command.js')).runGate(argv, io),
  },
  card: {
    summary: "write a model's card (Markdown with front matter, or JSON)",
    run: async (argv, io) => (await import('./card-command.js')).runCard(argv, io),
  },
  promote: {
    summary: "register a passing gate's candidate as the next version, then move the stage",
    run: async (argv, io) => (await import('./promote-command.js')).runPromote(argv, io),
  },
  rollback: {
    summary: 'move a stage back to an earlier version that passed',
    run: async (argv, io) => (await import('./promote-command.js')).runRollback(argv, io),
  },
  contract: {
    summary: "write a model's serving contract: a JSON Schema of one request row",
    run: async (argv, io) => (await import('./contract-command.js')).runContract(argv, io),
  },
  validate: {
    summary: 'count the rows of a file that break a serving contract (exit 1 when any do)',
    run: async (argv, io) => (await import('./contract-command.js')).runValidate(argv, io),
  },
  schema: {
    summary: 'print the JSON Schema of .model-gate.yml for editor completion',
    run: async (argv, io) => (await import('./schema-command.js')).runSchema(argv, io),
  },
};

export const MAIN_HELP = [
  'Usage: model-gate <command> [options]',
  '',
  'Decide in CI whether a candidate ONNX model may replace the production one.',
  '',
  'Commands:',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`),
  '',
  "Run 'model-gate <command> --help' for a command's options.",
  '',
  'Exit codes: 0 done, 1 the gate said no, 2 bad input or usage, 3 a bug in model-gate.',
  '',
].join('\n');

export interface MainIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => number;
}

export async function main(
  argv: readonly string[],
  io: MainIo,
  commands: Record<string, Command> = COMMANDS,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(MAIN_HELP);
      return command === undefined ? EXIT.badInput : EXIT.ok;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    const entry = commands[command];
    if (!entry) {
      const near = closest(command, Object.keys(commands), 1)[0];
      io.stderr(
        `model-gate: unknown command '${command}'${near ? `. Did you mean '${near}'?` : ''}\n${MAIN_HELP}`,
      );
      return EXIT.badInput;
    }
    const progress = stderrProgress((line) => io.stderr(`${line}\n`), io.now);
    return await entry.run(rest, { stdout: io.stdout, progress, now: io.now });
  } catch (error) {
    if (error instanceof Error && (error as { exitCode?: unknown }).exitCode === EXIT.gateFailed) {
      // A refusal that follows from the gate's verdict (e.g. promoting a candidate that failed).
      io.stderr(`model-gate: ${error.message}\n`);
      return EXIT.gateFailed;
    }
    if (isInputError(error)) {
      io.stderr(`model-gate: error: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return EXIT.badInput;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(
      `model-gate: internal error — this is a bug in model-gate ${VERSION}, please report it with the command you ran:\n${detail}\n`,
    );
    return EXIT.bug;
  }
}
