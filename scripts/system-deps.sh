#!/usr/bin/env bash
# Installs what argmap's diagrams and tests use when it is missing:
#   dot       Graphviz (diagrams)
#   fonts     the fonts every diagram names: Liberation Sans (text, metric-compatible
#             with Helvetica/Arial), DejaVu Sans (symbols such as arrows and box
#             lines) and Noto Color Emoji (emoji), so a diagram comes out the same,
#             byte for byte, on every machine that ran the set-up
#   tmux      end-to-end tests of the terminal UI
#   pdffonts  poppler-utils (tests check that PDFs embed their fonts)
#   pdflatex  a small TeX Live (tests compile the TikZ output)
#   chromium  a headless browser (the live seminar's browser participants are tested in it)
# Uses apt-get when it is usable (root, or sudo without a password); otherwise
# prints how to install them and carries on: argmap itself runs without them.
set -u
want=("$@")
[ ${#want[@]} -gt 0 ] || want=(dot fonts)

FONT_FAMILIES=("Liberation Sans" "DejaVu Sans" "Noto Color Emoji")
FONT_PACKAGES=(fonts-liberation2 fonts-dejavu-core fonts-noto-color-emoji)

fonts_present() {
  command -v fc-list >/dev/null 2>&1 || return 1
  local family
  for family in "${FONT_FAMILIES[@]}"; do
    fc-list -q "$family" || return 1
  done
}

missing=()
packages=()
for item in "${want[@]}"; do
  case "$item" in
    fonts) fonts_present && continue; packages+=(fontconfig "${FONT_PACKAGES[@]}") ;;
    dot) command -v dot >/dev/null 2>&1 && continue; packages+=(graphviz) ;;
    pdffonts) command -v pdffonts >/dev/null 2>&1 && continue; packages+=(poppler-utils) ;;
    # pdflatex, TikZ (pgf) and the Helvetica clone the TikZ output sets its text in.
    pdflatex)
      command -v pdflatex >/dev/null 2>&1 && kpsewhich tikz.sty helvet.sty >/dev/null 2>&1 && continue
      packages+=(texlive-latex-base texlive-pictures texlive-fonts-recommended) ;;
    *) command -v "$item" >/dev/null 2>&1 && continue; packages+=("$item") ;;
  esac
  missing+=("$item")
done
[ ${#missing[@]} -eq 0 ] && exit 0

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
echo "  Debian/Ubuntu: sudo apt-get install ${packages[*]}" >&2
echo "  macOS: brew install graphviz tmux poppler; fonts: Liberation Sans, DejaVu Sans, Noto Color Emoji" >&2
exit 0
