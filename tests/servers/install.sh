#!/usr/bin/env bash
# Installs the SPARQL servers the remote-mode tests (tests/remote.rs) run
# against, when they are missing: Oxigraph's server binary, from PyPI's
# `oxigraph` package (a prebuilt binary: nothing to compile), and Virtuoso
# from Debian's `virtuoso-opensource` (the package starts no service; the
# tests start their own). Also Debian's `chromium` (a headless browser for
# the tests of the served page and of `newskg viz` files, tests/pages.rs)
# and `graphviz` (to check that DOT output renders). Idempotent; run as
# root or with sudo for the system packages.
#
#   tests/servers/install.sh        prints where each server binary is
set -euo pipefail

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

have_oxigraph() {
  command -v oxigraph >/dev/null 2>&1 || [ -x "$HOME/.local/bin/oxigraph" ]
}

packages=()
command -v virtuoso-t >/dev/null 2>&1 || packages+=(virtuoso-opensource)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v dot >/dev/null 2>&1 || packages+=(graphviz)
if [ ${#packages[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if ! have_oxigraph; then
  if ! python3 -m pip --version >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-pip >/dev/null
  fi
  # A Debian Python refuses system-wide installs (PEP 668): install for the user.
  python3 -m pip install --quiet --user oxigraph 2>/dev/null ||
    python3 -m pip install --quiet --user --break-system-packages oxigraph 2>/dev/null ||
    python3 -m pip install --quiet oxigraph
fi

if command -v oxigraph >/dev/null 2>&1; then
  echo "oxigraph: $(command -v oxigraph) ($(oxigraph --version))"
elif [ -x "$HOME/.local/bin/oxigraph" ]; then
  echo "oxigraph: $HOME/.local/bin/oxigraph ($("$HOME/.local/bin/oxigraph" --version))"
else
  echo "oxigraph: could not be installed" >&2
  exit 1
fi
echo "virtuoso: $(command -v virtuoso-t)"
