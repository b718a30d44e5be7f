/**
 * Paths as a reader of the PR comment and the job summary knows them: relative to the
 * workspace (`models/churn.onnx`, not `/home/runner/work/repo/repo/models/churn.onnx`), a model
 * fetched from the registry by its version (`telco-churn@v1.2.0 (registry)`), and never a
 * temporary folder. Applied to report.json before it is written, so the report, the comment and
 * the summary name the same files; every `path` field of the report is mapped.
 */
import { isAbsolute, relative, sep } from 'node:path';

export interface PathRoots {
  readonly workspace: string;
  readonly runnerTemp: string;
  /** Exact paths with a name of their own (a fetched registry model → its version tag). */
  readonly labels: ReadonlyMap<string, string>;
}

export function displayPath(path: string, roots: PathRoots): string {
  const label = roots.labels.get(path);
  if (label !== undefined) return label;
  if (!isAbsolute(path)) return path.split(sep).join('/');
  const inside = (root: string): string | null => {
    if (root === '') return null;
    const rel = relative(root, path);
    const outside = rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
    return outside ? null : rel.split(sep).join('/');
  };
  const workspace = inside(roots.workspace);
  if (workspace !== null) return workspace;
  // A temporary copy: its name is all a reader can use.
  const temp = inside(roots.runnerTemp);
  if (temp !== null) return temp.split('/').pop() ?? temp;
  return path;
}

/** The report with every `path` string mapped by displayPath. */
export function withDisplayPaths<T>(report: T, roots: PathRoots): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = key === 'path' && typeof v === 'string' ? displayPath(v, roots) : walk(v);
    }
    return out;
  };
  return walk(report) as T;
}
