#!/usr/bin/env bash
# Install the Debian packages StationDesk and its tests need (idempotent; quick when present).
# Run as root on Debian/统信UOS/麒麟; elsewhere it only lists what is missing.
set -euo pipefail

PACKAGES=(
  # Qt offscreen and on X11 (Xvfb), printing
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libcups2
  # a system CJK font (the app also registers its bundled copy), PDF checks, sqlite3 CLI
  fonts-wqy-microhei poppler-utils sqlite3
  # real printing in the tests: a CUPS server with a PDF printer queue
  cups printer-driver-cups-pdf
  # the county server's tests run against a throwaway PostgreSQL cluster as well as SQLite
  postgresql
  # the sync token's one round trip through the real Secret Service (a private D-Bus session)
  dbus gnome-keyring
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "安装系统依赖 / installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "缺少系统软件包 / missing Debian packages (install them as root): ${missing[*]}" >&2
fi
