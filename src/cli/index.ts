import { logGuard } from '../domain/log-text.js';
import { main } from './main.js';

// What the CLI prints can quote a user's files and lands in CI logs: no line may be a command.
const out = logGuard();
const err = logGuard();
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(out(text)),
  stderr: (text) => process.stderr.write(err(text)),
  now: () => performance.now(),
});
