/** Golden files in test/golden/: compared byte for byte; UPDATE_GOLDEN=1 rewrites them. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export function golden(name: string, actual: string): void {
  const path = `test/golden/${name}`;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 npm test and review it`).toBe(
    true,
  );
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
