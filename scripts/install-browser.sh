#!/usr/bin/env bash
# Installs what the HTML report's browser test (test/e2e) needs, with apt, only when missing:
#   - Debian's chromium (/usr/bin/chromium), driven by playwright-core;
#   - a CJK font (fonts-noto-cjk), so that the report and its screenshot show Chinese, not boxes.
# Idempotent: does nothing (and needs no network) when both are there.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; then
  missing+=(fonts-noto-cjk)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-browser: chromium and a CJK font are already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
[ -x /usr/bin/chromium ] || { echo "install-browser: /usr/bin/chromium still missing" >&2; exit 1; }
echo "install-browser: done"
