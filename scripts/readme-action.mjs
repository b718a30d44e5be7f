#!/usr/bin/env node
/**
 * The README's tables of the action's inputs and outputs, generated from action.yml (STYLE 15):
 * `node scripts/readme-action.mjs` rewrites the text between the markers; `--check` exits 1 when
 * the README is stale (the test suite runs the same comparison).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const START =
  '<!-- action-tables:start (generated from action.yml by scripts/readme-action.mjs) -->';
const END = '<!-- action-tables:end -->';

const cell = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');

export function actionTables(actionYml) {
  const action = parse(actionYml);
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, i]) =>
      `| \`${name}\` | ${cell(i.description)} | ${i.default === undefined || i.default === '' ? '' : `\`${cell(i.default)}\``} |`,
  );
  const outputs = Object.entries(action.outputs ?? {}).map(
    ([name, o]) => `| \`${name}\` | ${cell(o.description)} |`,
  );
  return [
    START,
    '',
    '| input | what | default |',
    '| --- | --- | --- |',
    ...inputs,
    '',
    '| output | what |',
    '| --- | --- |',
    ...outputs,
    '',
    END,
  ].join('\n');
}

export function withTables(readme, tables) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} block`);
  return `${readme.slice(0, start)}${tables}${readme.slice(end + END.length)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const next = withTables(readme, actionTables(readFileSync(join(root, 'action.yml'), 'utf8')));
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md is stale: run node scripts/readme-action.mjs');
      process.exit(1);
    }
  } else writeFileSync(readmePath, next);
}
