/**
 * rules: NoticeFile → Finding[].
 *
 * Input: the file object of a parsed notice (model.ts NoticeFile: the notice, its source lines).
 * Output: `Finding`s with rule id, severity, bilingual message, section path and start–end
 * position, each taken from the node the rule reported on.
 *
 *   selectRules()  packs (rules/*.yaml, --rules, .gkcheckrc.yaml) → ActiveRule[]
 *   runRules()     NoticeFile (or Notice) × ActiveRule[] → Finding[]
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
