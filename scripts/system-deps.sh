#!/usr/bin/env bash
# Debian packages the test suites need: Chromium for the end-to-end tests,
# OpenSSH's sshd, PostgreSQL and Alertmanager as real loopback peers, jq and
# curl for the operators' verbatim command lines, OpenSSL for a throwaway
# certificate (the HTTPS reads' test).
#
#   scripts/system-deps.sh          install what is missing (needs root or passwordless sudo;
#                                   otherwise it names the packages and exits 1)
#   scripts/system-deps.sh --check  only say what is missing; exit 1 if anything is
set -euo pipefail

# command that proves the package is there -> Debian package
declare -A NEEDED=(
  [/usr/bin/chromium]=chromium
  [/usr/bin/jq]=jq
  [/usr/bin/curl]=curl
  [/usr/sbin/sshd]=openssh-server
  [/usr/bin/ssh-keygen]=openssh-client
  [/usr/bin/sudo]=sudo
  [/usr/bin/openssl]=openssl
  [/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf]=fonts-liberation
  [/usr/bin/prometheus-alertmanager]=prometheus-alertmanager
)

missing=()
for probe in "${!NEEDED[@]}"; do
  [ -e "$probe" ] || missing+=("${NEEDED[$probe]}")
done
# initdb lives in a versioned folder; check it separately.
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u | sed '/^$/d')

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

if [ "${1:-}" = "--check" ]; then
  echo "system packages missing: ${missing[*]}"
  echo "install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  exit 1
fi

cannot_install() {
  echo "system packages missing: ${missing[*]}" >&2
  echo "$1" >&2
  echo "install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
}

command -v apt-get >/dev/null || cannot_install "this is not a Debian machine (no apt-get): install the equivalents of these Debian packages."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || cannot_install "installing them needs root, and sudo is not installed."
  sudo -n true 2>/dev/null || cannot_install "installing them needs root, and sudo asks for a password here."
  SUDO="sudo"
fi
echo "installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system packages: installed ${missing[*]}"
