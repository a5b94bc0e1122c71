#!/usr/bin/env bash
# Installs what botengine and its tests need on Debian: libpcap (SharpPcap, --filter), tshark/capinfos/editcap/
# mergecap (reference tools for the capture tests), tcpreplay (tcprewrite, for composed bot captures) and
# MariaDB (integration tests start their own throwaway server; nothing is configured system-wide).
# Usage: scripts/bootstrap.sh [extra Debian packages...]
set -euo pipefail
packages=(libpcap0.8 tshark tcpreplay mariadb-server mariadb-client clang "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bootstrap: installing ${missing[*]}" >&2
  $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "bootstrap: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 2
fi
