import { type Command, main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process, as `model-gate ...argv` would, capturing its output. */
export async function cli(argv: string[], commands?: Record<string, Command>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => {
      stdout += t;
    },
    stderr: (t: string) => {
      stderr += t;
    },
    now: () => performance.now(),
  };
  const code = commands ? await main(argv, io, commands) : await main(argv, io);
  return { code, stdout, stderr };
}
