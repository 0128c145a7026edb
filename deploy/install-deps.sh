#!/usr/bin/env bash
# Installs what Opinia needs to build, run and test, from Debian 12's packages and the npm lock file.
# Idempotent: packages already present are not reinstalled, and `npm ci` runs only when the lock changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost1.74-dev libboost-system1.74-dev nlohmann-json3-dev libsqlitecpp-dev libsqlite3-dev
  libcli11-dev libhowardhinnant-date-dev libssl-dev libicu-dev tzdata catch2
  sqlite3 chromium
  clang libclang-rt-14-dev
)
# Node.js 18+ runs the browser tests; keep a newer one when the machine already has it.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "installing: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end test tools (playwright-core), exactly as locked; again only when the lock file changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
