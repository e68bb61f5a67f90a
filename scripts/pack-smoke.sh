#!/usr/bin/env bash
# The published package works on its own: `npm pack`, install the tarball globally under a
# temporary prefix (never into the machine's global folder), then run gkcheck from an empty
# folder with copied fixtures, checking outputs and exit codes. Exits non-zero on the first
# failure. Needs the npm registry (or a warm npm cache) for the package's dependencies.
#
#   bash scripts/pack-smoke.sh            # KEEP=1 keeps the temporary folder for a look
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/gkcheck-pack.XXXXXX")"
if [ "${KEEP:-}" = 1 ]; then echo "pack-smoke: keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

say() { printf 'pack-smoke: %s\n' "$*"; }
fail() {
  printf 'pack-smoke: FAIL: %s\n' "$*" >&2
  for f in "$work"/out "$work"/err; do [ -s "$f" ] && { echo "--- ${f##*/}:" >&2; head -40 "$f" >&2; }; done
  exit 1
}

# 1. Pack (npm runs `prepare`, which builds dist/).
say "npm pack"
(cd "$root" && npm pack --json --pack-destination "$work" >"$work/pack.json" 2>"$work/pack.err") || { cat "$work/pack.err" >&2; fail "npm pack"; }
tarball="$work/$(node -e 'const [p]=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); process.stdout.write(p.filename)' "$work/pack.json")"
[ -f "$tarball" ] || fail "no tarball at $tarball"

# Everything the CLI reads at run time is in the tarball.
node -e '
  const [p] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const files = new Set(p.files.map((f) => f.path));
  const need = ["package.json", "bin/gkcheck.js", "dist/cli/index.js", "dist/index.js", "dist/index.d.ts",
    "rules/national.yaml", "rules/format.yaml", "rules/consistency.yaml", "rules/shandong-2022.yaml",
    "schema/rule-pack.schema.json", "schema/notice.schema.json", "schema/notices.schema.json", "schema/check.schema.json",
    "schema/diff.schema.json", "schema/ledger.schema.json", "docs/rules.md"];
  const missing = need.filter((f) => !files.has(f));
  const stray = [...files].filter((f) => /^(test|fixtures|src|scripts)\//.test(f));
  if (missing.length || stray.length) { console.error("missing:", missing, "should not ship:", stray); process.exit(1); }
' "$work/pack.json" || fail "tarball contents"
say "packed $(basename "$tarball") ($(node -e 'const [p]=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); process.stdout.write(`${p.entryCount} files, ${Math.round(p.size/1024)} kB`)' "$work/pack.json"))"

# 2. Install it globally under a temporary prefix.
prefix="$work/prefix"
say "npm install --global --prefix $prefix"
npm install --global --prefix "$prefix" "$tarball" --no-audit --no-fund --loglevel=error >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "npm install -g"; }
gk="$prefix/bin/gkcheck"
[ -x "$gk" ] || fail "no executable at $gk"

# 3. Run it in an empty folder, away from the repository and its node_modules.
empty="$work/empty"
mkdir -p "$empty"
cd "$empty"
export NO_COLOR=1
unset GKCHECK_LANG FORCE_COLOR NODE_PATH

# run EXPECTED_CODE ARGS... — stdout to $work/out, stderr to $work/err
run() {
  local want="$1"
  shift
  local code=0
  "$gk" "$@" >"$work/out" 2>"$work/err" || code=$?
  [ "$code" = "$want" ] || fail "gkcheck $* exited $code, expected $want"
}
has() { grep -q -- "$2" "$work/$1" || fail "$1 of the last command lacks: $2"; }
lacks() { if grep -q -- "$2" "$work/$1"; then fail "$1 of the last command should not contain: $2"; fi; }

version="$(node -p 'require(process.argv[1]).version' "$root/package.json")"
run 0 --version
[ "$(cat "$work/out")" = "$version" ] || fail "--version printed $(cat "$work/out"), expected $version"
say "gkcheck --version → $version"

cp "$root/fixtures/qixia-2022.docx" "$root/fixtures/qixia-2022.pdf" "$root/fixtures/huating-2022.docx" "$root/fixtures/mudan-2022.doc" "$root/fixtures/huaiyin-2022.docx" .

run 0 --help
has out '示例 / Examples:'
has out 'gkcheck init'

run 0 parse qixia-2022.docx --format json
node -e 'const n=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if (n.meta.docNumber !== "栖政办发〔2022〕10号" || n.sections.length < 5) process.exit(1)' "$work/out" || fail "parse docx: wrong model"
run 0 parse qixia-2022.pdf
has out 'docNumber: 栖政办发〔2022〕10号'
run 0 parse mudan-2022.doc --format json
say "gkcheck parse (docx, pdf, doc) ok"

run 0 rules
has out '\[national\]'
has out '依据 / Source:'

run 0 check qixia-2022.docx
has out '未发现问题\|个问题'
run 1 check huating-2022.docx
has out '2 个错误'
has out 'issued-before-signed'
run 1 check huating-2022.docx --format json
node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if (r.summary.error !== 2) process.exit(1)' "$work/out" || fail "check --format json: wrong summary"
run 0 check huating-2022.docx --rules shandong-2022 --fail-on never
say "gkcheck check ok (exit 0 clean, 1 with errors)"

run 0 ledger huaiyin-2022.docx -o 台账.xlsx
has err '任务表 67'
[ -s 台账.xlsx ] || fail "ledger wrote no xlsx"
run 0 ledger huaiyin-2022.docx --format ics --unit 区财政局
has out 'BEGIN:VCALENDAR'
say "gkcheck ledger (xlsx, ics) ok"

run 0 diff qixia-2022.docx qixia-2022.pdf --format json

run 2 check does-not-exist.docx --lang en
has err '^Error: does-not-exist.docx'
lacks err '错误'

run 0 init --ci github
[ -f .gkcheckrc.yaml ] && [ -f .github/workflows/gkcheck.yml ] || fail "init wrote no files"
has err '已写入'
run 2 init
run 1 check huating-2022.docx --quiet
[ ! -s "$work/err" ] || fail "--quiet printed to stderr"
say "gkcheck init, --lang, --quiet ok"

say "OK: the packed tarball installs and runs from an empty folder"
