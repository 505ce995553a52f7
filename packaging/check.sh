#!/usr/bin/env bash
# Build netdesk's Linux bundle and check it. Called by .ci/run; fine to run by hand.
#
#   bash packaging/check.sh            # build in a fresh build/venv (python packaging/build.py)
#   bash packaging/check.sh --no-venv  # build with the current interpreter (installs PyInstaller
#                                      # into it from packaging/requirements-build.txt if missing)
#
# Steps: install the Debian tools it needs if missing (desktop-file-utils, appstream, and the
# GL/EGL libraries Qt links to); build; run both executables' --self-test on Qt's offscreen
# platform and the bundled command line (import, export vCard and iCalendar, a sync with a local
# Radicale from the test venv through the bundled vdirsyncer); validate the
# .desktop files and the AppStream metainfo; check the tarball; print the bundle size. Exits
# non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
BUDGET_MB=${NETDESK_BUNDLE_BUDGET_MB:-160}
# Radicale for the sync check comes from the test environment (it is no part of the bundle).
RADICALE_PYTHON=${RADICALE_PYTHON:-.venv/bin/python}
build_args=()
for arg in "$@"; do
    case "$arg" in
        --no-venv) build_args+=(--no-venv) ;;
        -h|--help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "check.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

say() { printf '\n== %s\n' "$*"; }
fail() { echo "check.sh: FAILED: $*" >&2; exit 1; }

# ---- 1. Debian packages ----------------------------------------------------------------------
say "tools"
packages=()
command -v desktop-file-validate >/dev/null 2>&1 || packages+=(desktop-file-utils)
command -v appstreamcli >/dev/null 2>&1 || packages+=(appstream)
# Qt's libraries link to libEGL/libGL, which PyInstaller never bundles (they must match the
# system's graphics driver); the offscreen self-test needs them too.
for pkg in libegl1 libgl1; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || packages+=("$pkg")
done
if [ "${#packages[@]}" -gt 0 ]; then
    echo "installing ${packages[*]}"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq >/dev/null
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
echo "desktop-file-validate, appstreamcli $(appstreamcli --version | sed 's/.*: //')"

# ---- 2. build --------------------------------------------------------------------------------
if [ "${#build_args[@]}" -gt 0 ] && ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    say "PyInstaller for $PYTHON"
    "$PYTHON" -m pip install -qq --disable-pip-version-check -r packaging/requirements-build.txt
fi
say "build"
start=$(date +%s)
"$PYTHON" packaging/build.py "${build_args[@]}"
build_seconds=$(( $(date +%s) - start ))

bundle=dist/netdesk
version=$("$PYTHON" -c "import sys; sys.path.insert(0, 'packaging'); import bundlecfg; print(bundlecfg.read_version())")
for exe in netdesk netdesk-reminders; do
    [ -x "$bundle/$exe" ] || fail "$bundle/$exe was not built"
done

# ---- 3. run the bundled executables ------------------------------------------------------------
say "self-tests (QT_QPA_PLATFORM=offscreen)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export QT_QPA_PLATFORM=offscreen NETDESK_HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$NETDESK_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# run_self_test EXE: the bundled executable must pass its own smoke test.
run_self_test() {
    local exe=$1 log="$scratch/$1.log" rc=0
    timeout 180 "$bundle/$exe" --self-test >"$log" 2>&1 || rc=$?
    if [ "$rc" -eq 0 ]; then
        echo "$exe --self-test: ok"
        return 0
    fi
    cat "$log" >&2
    fail "$exe --self-test exited $rc"
}
run_self_test netdesk
run_self_test netdesk-reminders
# on Linux netdesk-reminders is a link to netdesk: the name it is started by must choose
"$bundle/netdesk-reminders" --help 2>&1 | head -1 | grep -q "^usage: netdesk-reminders" \
    || fail "netdesk-reminders did not start the reminders service's command line"

# The command line in the bundle: an import, then both writers (vCard, and iCalendar by icalendar).
cli_db="$scratch/cli.db"
"$bundle/netdesk" import netdesk/data/sample.vcf --db "$cli_db" >"$scratch/cli.log" 2>&1 \
    || { cat "$scratch/cli.log" >&2; fail "netdesk import in the bundle"; }
"$bundle/netdesk" export --format vcard --db "$cli_db" - >"$scratch/people.vcf" 2>>"$scratch/cli.log" \
    && grep -q "^BEGIN:VCARD" "$scratch/people.vcf" \
    || { cat "$scratch/cli.log" >&2; fail "netdesk export --format vcard in the bundle"; }
"$bundle/netdesk" export --format ics --db "$cli_db" - >"$scratch/upcoming.ics" 2>>"$scratch/cli.log" \
    && head -1 "$scratch/upcoming.ics" | grep -q "^BEGIN:VCALENDAR" \
    || { cat "$scratch/cli.log" >&2; fail "netdesk export --format ics in the bundle"; }
echo "netdesk import, export vcard, export ics: ok"

# The bundled vdirsyncer, and one sync with a local Radicale through it.
"$bundle/netdesk" --vdirsyncer --version | grep -q "^vdirsyncer, version " \
    || fail "netdesk --vdirsyncer --version in the bundle"
"$RADICALE_PYTHON" - "$scratch/radicale" >"$scratch/radicale.url" 2>"$scratch/radicale.err" <<'PY' &
import signal, sys, time
from pathlib import Path
sys.path.insert(0, ".")
from tests.helpers.radicale import Radicale
server = Radicale(Path(sys.argv[1]))
server.start()
print(server.url, flush=True)
signal.signal(signal.SIGTERM, lambda *_: (server.stop(), sys.exit(0)))
while True:
    time.sleep(1)
PY
radicale_pid=$!
for _ in $(seq 60); do [ -s "$scratch/radicale.url" ] && break; sleep 1; done
[ -s "$scratch/radicale.url" ] || { cat "$scratch/radicale.err" >&2; fail "radicale did not start"; }
url=$(cat "$scratch/radicale.url")
NETDESK_SYNC_PASSWORD="correct horse" "$bundle/netdesk" sync add "$url" --user ana --db "$cli_db" \
    >>"$scratch/cli.log" 2>&1 || { cat "$scratch/cli.log" >&2; fail "netdesk sync add in the bundle"; }
"$bundle/netdesk" sync --json --db "$cli_db" >"$scratch/sync.json" 2>>"$scratch/cli.log" \
    && grep -q '"pushed": [1-9]' "$scratch/sync.json" \
    || { kill "$radicale_pid"; cat "$scratch/cli.log" "$scratch/sync.json" >&2; fail "netdesk sync in the bundle"; }
kill "$radicale_pid"; wait "$radicale_pid" 2>/dev/null || true
echo "netdesk --vdirsyncer, sync with a local Radicale: ok"
unset QT_QPA_PLATFORM NETDESK_HOME XDG_RUNTIME_DIR

# ---- 4. desktop integration files ----------------------------------------------------------------
say "desktop integration files"
for file in packaging/linux/org.netdesk.netdesk.desktop packaging/linux/netdesk-reminders.desktop; do
    desktop-file-validate "$file" || fail "desktop-file-validate $file"
    echo "desktop-file-validate $file: ok"
done
appstreamcli validate --no-net packaging/linux/org.netdesk.netdesk.metainfo.xml \
    || fail "appstreamcli validate packaging/linux/org.netdesk.netdesk.metainfo.xml"
grep -q "<release version=\"$version\"" packaging/linux/org.netdesk.netdesk.metainfo.xml \
    || fail "the metainfo has no <release version=\"$version\"> (netdesk/__init__.py)"

# ---- 5. tarball --------------------------------------------------------------------------------
say "tarball"
tarball=dist/netdesk-$version-linux-$(uname -m).tar.gz
[ -f "$tarball" ] || fail "$tarball was not built"
listing=$(tar -tzf "$tarball")
top=netdesk-$version-linux-$(uname -m)
for member in install.sh uninstall.sh org.netdesk.netdesk.desktop org.netdesk.netdesk.metainfo.xml \
    netdesk-reminders.desktop icons/hicolor/256x256/apps/org.netdesk.netdesk.png \
    icons/hicolor/scalable/apps/org.netdesk.netdesk.svg netdesk/netdesk netdesk/netdesk-reminders; do
    grep -qx "$top/$member" <<<"$listing" || fail "$tarball lacks $top/$member"
done
echo "$tarball: $(du -m "$tarball" | cut -f1) MB, $(wc -l <<<"$listing") entries"

# ---- 6. size ----------------------------------------------------------------------------------
say "size"
bytes=$(find "$bundle" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
mb=$(( bytes / 1000000 ))
echo "bundle $bundle: $mb MB (budget $BUDGET_MB MB); built in $build_seconds s"
if [ "$mb" -gt "$BUDGET_MB" ]; then
    echo "check.sh: WARNING: the bundle is over its $BUDGET_MB MB budget (docs/packaging.md)" >&2
fi
echo "packaging check passed"
