/**
 * rules: Notice → Finding[].
 *
 * Input: a parsed `Notice` (and, when at hand, the file's source lines to place meta items).
 * Output: `Finding`s with rule id, severity, bilingual message, section path and position.
 *
 *   selectRules()  packs (rules/*.yaml, --rules, .gkcheckrc.yaml) → ActiveRule[]
 *   runRules()     Notice × ActiveRule[] → Finding[]
 */
export type { ActiveRule, Bilingual, Confidence, Finding, FindingLocation, MetaNode, ReportNode, Rule, RuleCase, RuleContext, RuleMeta } from './types.js';
export { SEVERITY_RANK } from './types.js';
export { compareFindings, countBySeverity, packStatuses, runRules, type RunOptions } from './engine.js';
export { issuerProvince, packStatus, type AppliesTo, type PackStatus } from './applicability.js';
export {
  activeRules,
  BUILTIN_DIR,
  BUILTIN_PACKS,
  DEFAULT_PACKS,
  findConfig,
  loadConfig,
  loadPackFile,
  loadPacks,
  selectRules,
  type Config,
  type Pack,
  type RuleSelection,
  type Selected,
} from './packs.js';
export { codeRules } from './code/index.js';
