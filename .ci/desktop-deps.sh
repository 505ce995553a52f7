#!/usr/bin/env bash
# Installs the Debian packages the desktop tests need (Xvfb, D-Bus, dunst, trays, Qt's xcb libs,
# gnome-keyring for the Secret Service tests).
# Quiet and idempotent: does nothing when everything is present, and runs `apt-get update` only
# when a package is missing. Uses sudo when not root.
set -euo pipefail

PACKAGES=(
  xvfb xauth x11-utils xdotool imagemagick dbus-x11 dunst libnotify-bin trayer
  haskell-status-notifier-item-utils desktop-file-utils appstream
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libegl1 libgl1 fonts-noto-core gnome-keyring
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "desktop-deps: apt-get not found; install by hand: ${missing[*]}" >&2
  exit 1
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "desktop-deps: installing ${missing[*]}" >&2
if ! { "${SUDO[@]}" apt-get update -qq && \
       "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2  # only a failure is worth the noise
  exit 1
fi
