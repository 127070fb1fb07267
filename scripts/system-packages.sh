#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (libwbxml2-utils as the independent WBXML
# decoder; the backend servers as later suites need them). Runs `apt-get update` once, and only
# when something is missing. Needs root, as CI has.
set -euo pipefail
packages=(libwbxml2-utils)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run as root, or install them: apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
