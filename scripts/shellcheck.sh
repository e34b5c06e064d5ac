#!/usr/bin/env bash
# Lints every shell script the project runs (scripts/*.sh, .ci/run) with shellcheck, Debian's
# package (.ci/run installs it; GitHub's Ubuntu runners have it). Settings: .shellcheckrc.
# Exits 1 on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v shellcheck >/dev/null 2>&1; then
  echo "shellcheck: not installed; install Debian's package: apt-get install -y shellcheck" >&2
  exit 1
fi
files=(scripts/*.sh .ci/run)
if shellcheck --format=gcc "${files[@]}"; then
  echo "shellcheck: ${#files[@]} files, no findings"
else
  echo "shellcheck: findings above (${#files[@]} files)" >&2
  exit 1
fi
