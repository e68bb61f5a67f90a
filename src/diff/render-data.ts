/** NoticeDiff / CoverageMatrix as JSON or YAML: the data itself, field order as built. */
import { stringify } from 'yaml';

export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function renderYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
