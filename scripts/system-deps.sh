#!/usr/bin/env bash
# Installs the system programs argmap uses when they are missing: Graphviz `dot`
# (diagrams) and, for the test suite, tmux (end-to-end tests of the terminal UI).
# Uses apt-get when it is usable (root, or sudo without a password); otherwise
# prints how to install them and carries on: argmap itself runs without them.
set -u
want=("$@")
[ ${#want[@]} -gt 0 ] || want=(dot)
missing=()
for prog in "${want[@]}"; do
  command -v "$prog" >/dev/null 2>&1 || missing+=("$prog")
done
[ ${#missing[@]} -eq 0 ] && exit 0

packages=()
for prog in "${missing[@]}"; do
  case "$prog" in
    dot) packages+=(graphviz) ;;
    *) packages+=("$prog") ;;
  esac
done

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo=none; fi
  if [ "$sudo" != none ]; then
    echo "Installing ${packages[*]} with apt-get ..."
    $sudo apt-get update -qq >/dev/null && \
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null && exit 0
    echo "apt-get could not install ${packages[*]}." >&2
  fi
fi
echo "Missing: ${missing[*]}. Install ${packages[*]}:" >&2
echo "  Debian/Ubuntu: sudo apt-get install graphviz tmux    macOS: brew install graphviz tmux" >&2
exit 0
