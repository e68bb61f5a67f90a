/**
 * Reading a YAML rule pack or config file with positions, and validating it with ajv.
 * Any problem becomes an InputError('invalid-rule-file') whose message names the line and
 * column in the file: a YAML syntax error, a schema violation (the ajv instancePath is mapped
 * back to the YAML node), or a semantic error found later (bad regex, unknown rule id).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import { InputError } from '../errors.js';
// Compiled from schema/rule-pack.schema.json at build time (scripts/gen-validators.mjs): ajv's
// compile of it cost ~0.3 s of CPU in each process and each batch worker.
import { validateConfig as configValidator, validatePack as packValidator } from './schema-validators.generated.js';

const require = createRequire(import.meta.url);
/** The YAML library, loaded when a file is not a built-in pack (see builtinData). */
const yamlLib = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

/**
 * The built-in packs as parsed at build time (scripts/build.mjs writes dist/rules/builtin-packs.json):
 * a file whose text is exactly one of them gets that data without a YAML parse (~90 ms of CPU
 * in each process and each batch worker). Keyed by the text itself, so an edited pack, a pack
 * elsewhere or a missing cache file simply takes the YAML path.
 */
let builtin: Map<string, string> | null = null;
function builtinData(src: string): unknown {
  if (!builtin) {
    builtin = new Map();
    try {
      const packs = JSON.parse(readFileSync(new URL('./builtin-packs.json', import.meta.url), 'utf8')) as { source: string; data: unknown }[];
      for (const p of packs) builtin.set(p.source, JSON.stringify(p.data));
    } catch {
      // Not built (tests on src/): every file is parsed.
    }
  }
  const data = builtin.get(src);
  // A fresh copy each time: callers own what they are given.
  return data === undefined ? undefined : JSON.parse(data);
}

export interface YamlFile {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  data: unknown;
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

export function validatePack(f: YamlFile): void {
  const validate = packValidator as Validator;
  if (!validate(f.data)) throw schemaError(f, validate.errors ?? []);
}

export function validateConfig(f: YamlFile): void {
  const validate = configValidator as Validator;
  if (!validate(f.data)) throw schemaError(f, validate.errors ?? []);
}

let ajvInstance: { compile(schema: object): ValidateFunction } | null = null;

/**
 * A validator for a code rule's options schema, compiled when a config gives that rule options
 * (rare): ajv itself is loaded only then. ajv is CommonJS, its class the default export's `default`.
 */
export function compileOptionsSchema(schema: object): ValidateFunction {
  if (!ajvInstance) {
    const Ajv = (createRequire(import.meta.url)('ajv') as { default: new (o: object) => { compile(schema: object): ValidateFunction } }).default;
    ajvInstance = new Ajv({ allErrors: true, strict: false });
  }
  return ajvInstance.compile(schema);
}

/** A rule pack or config is a few KB; the largest built-in pack is ~30 KB. */
export const MAX_RULE_FILE_BYTES = 1024 * 1024;

/**
 * Only a regular file under MAX_RULE_FILE_BYTES is read: a FIFO would block the read forever
 * (it is opened non-blocking, then refused), /dev/zero would be read until memory runs out.
 */
export function readYaml(file: string): YamlFile {
  let src: string;
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw new InputError(
        'unreadable',
        file,
        st.isDirectory() ? '这是一个文件夹，不是规则文件或配置文件' : '规则文件或配置文件必须是普通文件（这是管道、设备或套接字）',
        st.isDirectory() ? 'this is a folder, not a rule or config file' : 'a rule or config file must be a regular file (this is a pipe, device or socket)',
      );
    }
    if (st.size > MAX_RULE_FILE_BYTES) {
      throw new InputError(
        'invalid-rule-file',
        file,
        `规则文件或配置文件过大（${(st.size / 1024 / 1024).toFixed(1)} MB，上限 ${MAX_RULE_FILE_BYTES / 1024 / 1024} MB）；请确认选对了文件`,
        `the rule or config file is too large (${(st.size / 1024 / 1024).toFixed(1)} MB, limit ${MAX_RULE_FILE_BYTES / 1024 / 1024} MB): make sure it is the right file`,
      );
    }
    src = readFileSync(fd, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError('not-found', file, '找不到规则文件或配置文件', 'rule or config file not found');
    if (code === 'EISDIR') throw new InputError('unreadable', file, '这是一个文件夹，不是规则文件或配置文件', 'this is a folder, not a rule or config file');
    if (code === 'EACCES' || code === 'EPERM') throw new InputError('unreadable', file, '没有读取规则文件或配置文件的权限', 'permission denied reading the rule or config file');
    throw new InputError('unreadable', file, `无法读取规则文件或配置文件（${code ?? 'error'}）`, `cannot read rule or config file (${code ?? 'error'})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const data = builtinData(src);
  if (data === undefined) return parseYaml(file, src);
  // The document (for line numbers in a message) is parsed only if a message needs it.
  let parsed: YamlFile | null = null;
  const full = () => (parsed ??= parseYaml(file, src));
  return {
    file,
    data,
    get doc() {
      return full().doc;
    },
    get lines() {
      return full().lines;
    },
  };
}

export function parseYaml(file: string, src: string): YamlFile {
  const { LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const { line, col } = lines.linePos(e.pos[0]);
    throw invalid(file, line, col, `YAML 语法错误：${e.message.split('\n')[0]}`, `YAML syntax error: ${e.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    // maxAliasCount: a "billion laughs" of aliases is refused instead of expanded.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    const alias = /alias/i.test(msg);
    throw invalid(
      file,
      1,
      1,
      alias ? `YAML 别名（*引用）展开过多，可能是“别名炸弹”；规则文件不需要这么多别名` : `YAML 无法读取：${msg}`,
      alias ? `too many YAML alias expansions (an alias bomb?); a rule file needs nothing like that many: ${msg}` : `YAML cannot be read: ${msg}`,
    );
  }
  return { file, doc, lines, data };
}

export function invalid(file: string, line: number, col: number, zh: string, en: string): InputError {
  return new InputError('invalid-rule-file', file, `第${line}行第${col}列：${zh}`, `line ${line}, column ${col}: ${en}`);
}

/** Line and column of the YAML node at a path (or of the key `key` in the map there). */
export function position(f: YamlFile, path: (string | number)[], key?: string): { line: number; col: number } {
  // Walk down as far as the path exists: a missing property points at its parent.
  let node: unknown = f.doc.contents;
  for (let i = 0; i < path.length; i++) {
    const next = f.doc.getIn(path.slice(0, i + 1), true);
    if (next === undefined || next === null) break;
    node = next;
  }
  const { isMap, isScalar } = yamlLib();
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) return f.lines.linePos(pair.key.range[0]);
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? f.lines.linePos(range[0]) : { line: 1, col: 1 };
}

export function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The error to show: the deepest concrete one (not the if/anyOf/oneOf wrappers). */
function pick(errors: ErrorObject[]): ErrorObject {
  const concrete = errors.filter((e) => !['if', 'anyOf', 'oneOf', 'allOf', 'not'].includes(e.keyword));
  const pool = concrete.length ? concrete : errors;
  const policy = pool.find((e) => e.schemaPath.includes('confidencePolicy'));
  if (policy) return policy;
  return pool.reduce((best, e) => (e.instancePath.split('/').length > best.instancePath.split('/').length ? e : best), pool[0]);
}

function schemaError(f: YamlFile, errors: ErrorObject[]): InputError {
  const e = pick(errors);
  const path = pathOf(e.instancePath);
  const where = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  let zh: string;
  let en = `${where} ${e.message ?? 'is invalid'}`;
  let key: string | undefined;
  if (e.schemaPath.includes('confidencePolicy')) {
    zh = `${where}：可信度为 C-/M 的要求只能设为 warning 或 info（只有已核实的 C 级要求可为 error，除非用 errorBasis 写明理由）`;
    en = `${where}: a requirement of confidence C- or M may only be a warning or info (only confirmed, C, requirements may be errors, unless errorBasis says why)`;
  } else {
    switch (e.keyword) {
      case 'required':
        zh = `${where} 缺少必填项“${p.missingProperty}”`;
        break;
      case 'additionalProperties':
        key = String(p.additionalProperty);
        zh = `${where} 有不认识的字段“${key}”`;
        en = `${where} has an unknown property "${key}"`;
        break;
      case 'enum':
        zh = `${where} 取值应为 ${(p.allowedValues as unknown[]).join(' / ')} 之一`;
        en = `${where} must be one of ${(p.allowedValues as unknown[]).join(' / ')}`;
        break;
      case 'const':
        zh = `${where} 应为“${p.allowedValue}”`;
        break;
      case 'type':
        zh = `${where} 的类型应为 ${p.type}`;
        break;
      case 'pattern':
        zh = `${where} 的格式不符（应匹配 ${p.pattern}）`;
        break;
      case 'minItems':
        zh = `${where} 至少需要 ${p.limit} 项`;
        break;
      case 'minLength':
        zh = `${where} 不能为空`;
        break;
      default:
        zh = `${where} 不符合规则文件格式（${e.message}）`;
    }
  }
  const { line, col } = position(f, path, key);
  return invalid(f.file, line, col, zh, en);
}
