#!/usr/bin/env bash
# The five seed notices as PDFs from other producers, into fixtures/pdf-producers/:
#
#   chromium/<notice>.pdf   the notice's DOCX saved as a web page by LibreOffice (Word-made
#                           HTML, as government sites publish it: alignment, the ruled
#                           任务分解表), then printed by headless Chromium (Skia PDF backend:
#                           Type 3 fonts, table borders as filled rectangles, radicals such
#                           as ⺠ ⻔ in the ToUnicode maps)
#   lo-nofont/<notice>.pdf  the DOCX exported by LibreOffice on a machine without the Chinese
#                           fonts it asks for: a private fontconfig (scripts/fixtures/
#                           fonts-nocjk.conf) maps them to DejaVu, so the Chinese text comes
#                           from glyph fallback (Noto Sans CJK) and each line's fallback run
#                           is drawn after the base font's “ ” — tabs and digits
#
#   bash scripts/make-pdf-producers.sh      (after scripts/make-fixtures.sh made the DOCX)
#
# Needs Debian's chromium, libreoffice-writer-nogui, fonts-noto-cjk, fonts-dejavu-core and qpdf
# (installed with apt-get when missing).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
FX=$ROOT/fixtures
OUT=$FX/pdf-producers
NOTICES=(qixia-2022 huaiyin-2022 zhaoyuan-2021 mudan-2022 huating-2022)
log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
die() { printf 'make-pdf-producers: %s\n' "$*" >&2; exit 1; }

PACKAGES=(chromium libreoffice-writer-nogui fonts-noto-cjk fonts-dejavu-core qpdf poppler-utils)
missing=()
for p in "${PACKAGES[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for n in "${NOTICES[@]}"; do [ -f "$FX/$n.docx" ] || die "$FX/$n.docx missing: run scripts/make-fixtures.sh first"; done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gkcheck-producers.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT/chromium" "$OUT/lo-nofont" "$TMP/html" "$TMP/lo"
SOFFICE=(env TZ=UTC soffice "-env:UserInstallation=file://$TMP/lo-profile" --headless --norestore)
docx=(); for n in "${NOTICES[@]}"; do docx+=("$FX/$n.docx"); done

# Dates pinned in place (same length, so no offset moves), a static /ID, streams recompressed
# the same way (which also keeps the files small). The Chromium files come out byte for byte
# the same on every run; LibreOffice numbers its glyph-fallback font objects in a varying
# order, so the lo-nofont bytes (not their text or layout) change from run to run.
finish() {
  /usr/bin/python3 - "$1" <<'PY'
import re, sys
p = sys.argv[1]
b = open(p, 'rb').read()
b = re.sub(rb'(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})', lambda m: m.group(1) + b'20220801000000', b)
open(p, 'wb').write(b)
PY
  /usr/bin/python3 "$ROOT/scripts/fixtures/pin-pdf.py" "$1"
  qpdf --static-id --object-streams=generate --recompress-flate --compression-level=9 -- "$1" "$2"
}

log "chromium: DOCX → HTML (LibreOffice) → PDF (headless Chromium)"
"${SOFFICE[@]}" --convert-to html --outdir "$TMP/html" "${docx[@]}" >"$TMP/html.log" 2>&1 || { cat "$TMP/html.log" >&2; die "soffice html"; }
for n in "${NOTICES[@]}"; do
  [ -s "$TMP/html/$n.html" ] || die "no $n.html"
  chromium --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
    --user-data-dir="$TMP/chromium-profile" --print-to-pdf="$TMP/$n.chromium.pdf" \
    "file://$TMP/html/$n.html" >"$TMP/chromium.log" 2>&1 || { cat "$TMP/chromium.log" >&2; die "chromium $n"; }
  [ -s "$TMP/$n.chromium.pdf" ] || { cat "$TMP/chromium.log" >&2; die "chromium made no PDF for $n"; }
  finish "$TMP/$n.chromium.pdf" "$OUT/chromium/$n.pdf"
done

log "lo-nofont: DOCX → PDF (LibreOffice, the asked-for Chinese fonts missing)"
mkdir -p "$TMP/fc-cache"
sed "s#@CACHE@#$TMP/fc-cache#" "$ROOT/scripts/fixtures/fonts-nocjk.conf" >"$TMP/fonts.conf"
FONTCONFIG_FILE="$TMP/fonts.conf" "${SOFFICE[@]}" --convert-to pdf --outdir "$TMP/lo" "${docx[@]}" >"$TMP/lo.log" 2>&1 ||
  { cat "$TMP/lo.log" >&2; die "soffice pdf"; }
for n in "${NOTICES[@]}"; do
  [ -s "$TMP/lo/$n.pdf" ] || die "no lo-nofont $n.pdf"
  finish "$TMP/lo/$n.pdf" "$OUT/lo-nofont/$n.pdf"
done

log "checking"
for f in "$OUT"/*/*.pdf; do
  c=$(pdftotext -q -enc UTF-8 "$f" - | /usr/bin/python3 -c 'import re,sys; print(len(re.findall("[\u4e00-\u9fff]", sys.stdin.read())))')
  [ "$c" -ge 1000 ] || die "$f: only $c Chinese characters from pdftotext"
done
# the lo-nofont PDFs must show the problem they are kept for: a line whose “ or ” is drawn
# before the Chinese text it belongs to (pdf.js reads content-stream order)
out=$(pdffonts "$OUT/lo-nofont/huating-2022.pdf")
grep -q 'DejaVuSerif' <<<"$out" || die "lo-nofont: DejaVu Serif not used as the substitute font"
log "done: $(du -sh "$OUT" | cut -f1) in $OUT"
