#!/usr/bin/env bash
# Regenerates every file under fixtures/ from the five corpus notices.
#
#   bash scripts/make-fixtures.sh        (or: npm run fixtures)
#
# The generated files are committed, so the tests never need LibreOffice; this
# script is the record of how they were made and can be re-run at any time
# (idempotent: it overwrites what it makes and touches nothing else).
#
# Needs: Debian 12 (run as root, or with sudo, if a package below is missing),
# node with this repo's node_modules (docx, pdfkit, mammoth, word-extractor),
# and the corpus in ../shared/corpus (override with CORPUS_DIR=...).
#
# Reproducible bytes: with the same tool versions every file comes out identical on
# every run (clock pinned in the .docx, LibreOffice's PDF date and /ID pinned by
# pin-pdf.py, seeded PRNGs, qpdf --static-id), so a re-run leaves git clean.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CORPUS_DIR=${CORPUS_DIR:-$ROOT/../shared/corpus}
FX=$ROOT/fixtures
HELPERS=$ROOT/scripts/fixtures
PY=/usr/bin/python3
NOTICES=(qixia-2022 huaiyin-2022 zhaoyuan-2021 mudan-2022 huating-2022)

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
die() { printf 'make-fixtures: %s\n' "$*" >&2; exit 1; }

# ---- 1. system packages (only the missing ones) -----------------------------------
PACKAGES=(fonts-noto-cjk libreoffice-writer-nogui poppler-utils poppler-data qpdf img2pdf python3-reportlab)
missing=()
for p in "${PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" != installed ]; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  SUDO=
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo: install ${missing[*]}"
    SUDO=sudo
  fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- 2. the rest of the toolchain ----------------------------------------------------
command -v node >/dev/null || die "node not found"
for m in docx pdfkit mammoth word-extractor exceljs; do
  [ -d "node_modules/$m" ] || die "node_modules/$m missing: run 'npm ci' first"
done
[ -x "$PY" ] || die "$PY not found"
FONT_TTC=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
[ -f "$FONT_TTC" ] || die "$FONT_TTC missing (fonts-noto-cjk)"
for n in "${NOTICES[@]}"; do
  [ -f "$CORPUS_DIR/$n.txt" ] || die "corpus file $CORPUS_DIR/$n.txt not found (set CORPUS_DIR)"
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gkcheck-fixtures.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# A private LibreOffice profile, so runs (and a running LibreOffice) do not collide.
SOFFICE=(env TZ=UTC soffice "-env:UserInstallation=file://$TMP/lo-profile" --headless --norestore)

mkdir -p "$FX" "$FX/fonts" "$FX/encodings" "$FX/bad"

# ---- 3. the notices as text: exact copies ------------------------------------------
log "text copies"
for n in "${NOTICES[@]}"; do
  install -m 0644 "$CORPUS_DIR/$n.txt" "$FX/$n.txt"
  cmp -s "$CORPUS_DIR/$n.txt" "$FX/$n.txt" || die "copy of $n.txt differs"
done

# ---- 4. DOCX (docx package), then PDF and DOC through LibreOffice ------------------
log "docx (+ huaiyin-2022.table.json, bad/no-body.docx)"
node "$HELPERS/make-docx.mjs" "$FX"

log "numbered/*.docx (the notices with Word automatic numbering from numbering.xml)"
node "$HELPERS/make-docx-numbered.mjs" "$FX"
node "$HELPERS/make-docx-furniture.mjs" "$FX"

log "web/, web-gbk/, web-copied/ (the notices as saved government article pages, GBK, copied text)"
node "$HELPERS/make-html.mjs" "$FX"
node "$HELPERS/make-web-flat.mjs" "$FX"   # web-flat/: the task table flattened into one line

log "huaiyin-2022.tasks.xlsx (exceljs: the 任务分解表 as a spreadsheet with merged cells)"
node "$HELPERS/make-xlsx.mjs" "$FX/huaiyin-2022.table.json" "$FX/huaiyin-2022.tasks.xlsx"
node "$HELPERS/make-note-after.mjs" "$FX"

log "pdf and doc via LibreOffice"
docx_files=()
for n in "${NOTICES[@]}"; do docx_files+=("$FX/$n.docx"); done
mkdir -p "$TMP/lo-out"
for fmt in pdf doc; do
  "${SOFFICE[@]}" --convert-to "$fmt" --outdir "$TMP/lo-out" "${docx_files[@]}" >"$TMP/soffice-$fmt.log" 2>&1 ||
    { cat "$TMP/soffice-$fmt.log" >&2; die "soffice --convert-to $fmt failed"; }
  for n in "${NOTICES[@]}"; do
    [ -s "$TMP/lo-out/$n.$fmt" ] || { cat "$TMP/soffice-$fmt.log" >&2; die "soffice made no $n.$fmt"; }
    # fixed CreationDate, /ID and /DocChecksum (same length, offsets unchanged)
    if [ "$fmt" = pdf ]; then "$PY" "$HELPERS/pin-pdf.py" "$TMP/lo-out/$n.pdf"; fi
    install -m 0644 "$TMP/lo-out/$n.$fmt" "$FX/$n.$fmt"
  done
done

# ---- 5. PDFs with particular fonts ---------------------------------------------------
log "fonts/zhaoyuan-2021.stsong.pdf (reportlab, STSong-Light, not embedded)"
"$PY" "$HELPERS/make-stsong.py" "$FX/zhaoyuan-2021.txt" "$FX/fonts/zhaoyuan-2021.stsong.pdf"
log "fonts/mudan-2022.pdfkit.pdf (pdfkit, embedded subset)"
node "$HELPERS/make-pdfkit.mjs" "$FX/mudan-2022.txt" "$FX/fonts/mudan-2022.pdfkit.pdf"

# ---- 6. other text encodings ---------------------------------------------------------
log "encodings"
E=$FX/encodings
iconv -f UTF-8 -t GB18030 "$FX/qixia-2022.txt" >"$E/qixia-2022.gb18030.txt"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$FX/zhaoyuan-2021.txt"; } >"$E/zhaoyuan-2021.utf16le.txt"
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$FX/huating-2022.txt"; } >"$E/huating-2022.utf16be.txt"
{ printf '\xef\xbb\xbf'; cat "$FX/mudan-2022.txt"; } >"$E/mudan-2022.utf8bom.txt"
printf '政务公开工作要点\n' | iconv -f UTF-8 -t GBK >"$E/short.gbk.txt"
# round trips
iconv -f GB18030 -t UTF-8 "$E/qixia-2022.gb18030.txt" | cmp -s - "$FX/qixia-2022.txt" || die "gb18030 round trip"
tail -c +3 "$E/zhaoyuan-2021.utf16le.txt" | iconv -f UTF-16LE -t UTF-8 | cmp -s - "$FX/zhaoyuan-2021.txt" || die "utf16le round trip"
tail -c +3 "$E/huating-2022.utf16be.txt" | iconv -f UTF-16BE -t UTF-8 | cmp -s - "$FX/huating-2022.txt" || die "utf16be round trip"

# ---- 7. bad inputs ---------------------------------------------------------------------
log "bad inputs"
B=$FX/bad
rm -f "$B/encrypted.pdf" "$B/encrypted-owner-only.pdf"
# AES-128 (R4) with qpdf's --static-id/--static-aes-iv: reproducible bytes (AES-256
# would add random salts); fine for fixtures, never for real documents.
QPDF_STATIC=(--static-id --static-aes-iv)
# needs a password to open at all (user password "gkcheck")
qpdf "${QPDF_STATIC[@]}" --encrypt gkcheck gkcheck-owner 128 --use-aes=y -- "$FX/qixia-2022.pdf" "$B/encrypted.pdf"
# opens without a password (empty user password); owner password set, editing and
# copying restricted, as copy-protected government PDFs are: must still parse
qpdf "${QPDF_STATIC[@]}" --encrypt '' gkcheck-owner 128 --use-aes=y --modify=none --extract=n -- \
  "$FX/qixia-2022.pdf" "$B/encrypted-owner-only.pdf"
# images only, no text layer: first two pages at 100 dpi, greyscale (PGM: pdftoppm
# 22.12 ignores -gray when writing PNG; img2pdf's internal engine writes no random /ID)
pdftoppm -r 100 -gray -f 1 -l 2 "$FX/qixia-2022.pdf" "$TMP/scan"
img2pdf --engine internal --nodate --pagesize A4 -o "$B/scanned.pdf" "$TMP"/scan-*.pgm
# an unsupported format: page 1 as a small PNG
pdftoppm -r 40 -png -f 1 -l 1 -singlefile "$FX/qixia-2022.pdf" "$B/image"
# truncated.pdf, damaged-middle.pdf, random.bin, not-a-docx.docx, garbage.txt, empty.*
"$PY" "$HELPERS/make-bad.py" "$FX/qixia-2022.pdf" "$B"
# hostile Office packages: a huge gridSpan, a zip bomb, a far XLSX cell, a sheet-wide merge
node "$HELPERS/make-bad-office.mjs" "$FX"
chmod 0644 "$B"/*

# ---- 8. check what was made ------------------------------------------------------------
log "checking"
# Chinese characters that pdftotext gets out of a PDF (0 if it cannot open it)
cjk_count() {
  { pdftotext -q -enc UTF-8 "$1" - 2>/dev/null || true; } |
    "$PY" -c 'import re,sys; print(len(re.findall("[\u4e00-\u9fff]", sys.stdin.buffer.read().decode("utf-8", "replace"))))'
}
for f in "$FX"/*.pdf "$FX/fonts"/*.pdf "$B/encrypted-owner-only.pdf"; do
  c=$(cjk_count "$f")
  [ "$c" -ge 1000 ] || die "$f: only $c Chinese characters from pdftotext"
done
# damaged-middle.pdf must still open, but lose most of its Chinese text
c=$(cjk_count "$B/damaged-middle.pdf")
full=$(cjk_count "$FX/qixia-2022.pdf")
{ [ "$c" -ge 1 ] && [ "$c" -lt $((full * 6 / 10)) ]; } ||
  die "damaged-middle.pdf: $c of $full Chinese characters, expected some but under 60%"
[ "$(cjk_count "$B/scanned.pdf")" -eq 0 ] || die "scanned.pdf has a text layer"
# (outputs are captured first: grep -q closing a pipe early would trip pipefail)
out=$(pdffonts "$FX/fonts/zhaoyuan-2021.stsong.pdf")
grep -qE '^STSong-Light +CID Type 0 +UniGB-UCS2-H +no ' <<<"$out" ||
  die "stsong pdf: STSong-Light should be a non-embedded CID font"
out=$(pdffonts "$FX/fonts/mudan-2022.pdfkit.pdf")
grep -qE '^[A-Z]{6}\+NotoSerifCJKsc-Regular .* yes +yes +yes ' <<<"$out" ||
  die "pdfkit pdf: expected an embedded subset NotoSerifCJKsc-Regular"
# --requires-password exits 0: a password is needed, 3: encrypted but opens without one
rc=0; qpdf --requires-password "$B/encrypted.pdf" || rc=$?
[ "$rc" -eq 0 ] || die "encrypted.pdf should need a password (qpdf --requires-password: $rc)"
rc=0; qpdf --requires-password "$B/encrypted-owner-only.pdf" || rc=$?
[ "$rc" -eq 3 ] || die "encrypted-owner-only.pdf should be encrypted yet open (qpdf --requires-password: $rc)"
out=$(qpdf --show-encryption --password=gkcheck "$B/encrypted.pdf")
grep -q 'R = 4' <<<"$out" || die "encrypted.pdf: not AES-128 (R4)"
out=$(qpdf --show-encryption "$B/encrypted-owner-only.pdf")
grep -q 'extract for any purpose: not allowed' <<<"$out" || die "encrypted-owner-only.pdf: restrictions missing"
qpdf --check "$B/truncated.pdf" >/dev/null 2>&1 && die "truncated.pdf checks clean"
node "$HELPERS/verify.mjs" "$FX"

log "done: $(find "$FX" -type f | wc -l) files, $(du -sh "$FX" | cut -f1)"
