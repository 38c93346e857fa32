#!/usr/bin/env bash
# Installs the Debian packages the test suites drive for real (Dovecot for IMAP, Chromium for browser tests).
# Does nothing when they are already there; needs root (or sudo) otherwise.
set -euo pipefail
packages=(dovecot-imapd chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
