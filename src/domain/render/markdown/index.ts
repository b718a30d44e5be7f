/**
 * Safe Markdown building blocks: escaping of file text (escape.ts), tables, `<details>` and
 * fences (blocks.ts), Mermaid xy charts (mermaid.ts), and the size budget (budget.ts).
 */
export {
  type Align,
  blocks,
  bold,
  details,
  fence,
  heading,
  inline,
  italic,
  list,
  marker,
  moreRows,
  quote,
  small,
  type TableColumn,
  table,
} from './blocks.js';
export {
  fitToLimit,
  GITHUB_COMMENT_LIMIT,
  type Section,
  type SectionForm,
  tableForms,
} from './budget.js';
export {
  code,
  DEFAULT_MAX,
  ELLIPSIS,
  htmlText,
  type Md,
  oneLine,
  raw,
  text,
  unlink,
  ZWSP,
} from './escape.js';
export {
  type BandAxis,
  mermaidNumber,
  mermaidText,
  type RangeAxis,
  type Series,
  type XyChart,
  xyChart,
  xyChartSource,
} from './mermaid.js';
