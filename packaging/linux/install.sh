#!/bin/sh
# Install netdesk for the current user, under ~/.local; no root needed.
#
#   ./install.sh [--autostart] [--no-default] [--bundle DIR] [--icons DIR]
#
#   --autostart    also start the reminders service (netdesk-reminders) at login
#   --no-default   do not make netdesk the default application for .vcf files
#   --bundle DIR   the PyInstaller bundle to install (default: ./netdesk beside this script,
#                  as in the release tarball, else dist/netdesk of a source checkout)
#   --icons DIR    hicolor icon folder (default: ./icons/hicolor, else build/icons/hicolor)
#
# What goes where (XDG_DATA_HOME and XDG_CONFIG_HOME are honoured):
#   ~/.local/lib/netdesk/                       the bundle (replaced on upgrade), uninstall.sh
#   ~/.local/bin/netdesk, netdesk-reminders     symlinks into it
#   $XDG_DATA_HOME/applications/org.netdesk.netdesk.desktop
#   $XDG_DATA_HOME/icons/hicolor/*/apps/org.netdesk.netdesk.{png,svg}
#   $XDG_DATA_HOME/metainfo/org.netdesk.netdesk.metainfo.xml
#   $XDG_CONFIG_HOME/mimeapps.list              text/vcard, text/x-vcard -> netdesk (xdg-mime)
#   $XDG_CONFIG_HOME/autostart/netdesk-reminders.desktop    with --autostart
# uninstall.sh removes all of it and leaves your netdesk data alone.
set -eu

APP_ID=org.netdesk.netdesk
here=$(cd "$(dirname "$0")" && pwd)

usage() { sed -n '2,20s/^# \{0,1\}//p' "$0"; }
die() { echo "install.sh: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

autostart=0
make_default=1
bundle=""
icons=""
while [ $# -gt 0 ]; do
    case "$1" in
        --autostart) autostart=1 ;;
        --no-default) make_default=0 ;;
        --bundle) [ $# -ge 2 ] || die "--bundle needs a folder"; bundle=$2; shift ;;
        --bundle=*) bundle=${1#*=} ;;
        --icons) [ $# -ge 2 ] || die "--icons needs a folder"; icons=$2; shift ;;
        --icons=*) icons=${1#*=} ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
    shift
done

: "${HOME:?HOME is not set}"
# The XDG base directory spec says relative values are to be ignored.
case "${XDG_DATA_HOME:-}" in /*) data_home=$XDG_DATA_HOME ;; *) data_home=$HOME/.local/share ;; esac
case "${XDG_CONFIG_HOME:-}" in /*) config_home=$XDG_CONFIG_HOME ;; *) config_home=$HOME/.config ;; esac
bin_dir=$HOME/.local/bin
lib_dir=$HOME/.local/lib/netdesk

if [ -z "$bundle" ]; then
    for candidate in "$here/netdesk" "$here/../../dist/netdesk"; do
        if [ -x "$candidate/netdesk" ]; then bundle=$candidate; break; fi
    done
fi
[ -n "$bundle" ] || die "no bundle found; run 'python packaging/build.py' or pass --bundle DIR"
bundle=$(cd "$bundle" && pwd)
[ -x "$bundle/netdesk" ] || die "$bundle/netdesk is missing or not executable"
[ -x "$bundle/netdesk-reminders" ] || die "$bundle/netdesk-reminders is missing or not executable"

if [ -z "$icons" ]; then
    for candidate in "$here/icons/hicolor" "$here/../../build/icons/hicolor"; do
        if [ -d "$candidate" ]; then icons=$candidate; break; fi
    done
fi
if [ -z "$icons" ] || [ ! -d "$icons" ]; then
    die "no icons found; run 'python packaging/make_icons.py' or pass --icons DIR"
fi

for file in "$APP_ID.desktop" "$APP_ID.metainfo.xml" netdesk-reminders.desktop; do
    [ -f "$here/$file" ] || die "$here/$file is missing"
done

# A value for a .desktop Exec key: quoted if needed (Desktop Entry spec, "The Exec key").
desktop_exec() {
    case "$1" in
        *[\"\`\$\\]*) die "cannot write a desktop entry for a path containing \" \` \$ or \\: $1" ;;
        *[!A-Za-z0-9_./+,@:=-]*) printf '"%s"' "$1" ;;
        *) printf '%s' "$1" ;;
    esac
}

# Copy desktop entry $1 to $2, pointing Exec and TryExec at executable $3.
write_desktop_file() {
    exe_q=$(desktop_exec "$3")
    name=$(basename "$3")
    awk -v exe="$exe_q" -v try="$3" -v name="$name" '
        /^# install\.sh / { next }
        $0 ~ "^TryExec=" name "$" { print "TryExec=" try; next }
        $0 ~ "^Exec=" name "( |$)" { sub("^Exec=" name, ""); print "Exec=" exe $0; next }
        { print }
    ' "$1" > "$2.tmp"
    chmod 644 "$2.tmp"
    mv "$2.tmp" "$2"
}

echo "Installing netdesk from $bundle"

# 1. the bundle
mkdir -p "$(dirname "$lib_dir")"
if [ "$bundle" != "$lib_dir" ]; then
    staging="$lib_dir.new.$$"
    rm -rf "$staging"
    cp -pR "$bundle" "$staging"
    rm -rf "$lib_dir"
    mv "$staging" "$lib_dir"
fi
if [ -f "$here/uninstall.sh" ] && [ "$here" != "$lib_dir" ]; then
    cp "$here/uninstall.sh" "$lib_dir/uninstall.sh"
    chmod 755 "$lib_dir/uninstall.sh"
fi
echo "  bundle        $lib_dir"

# 2. commands
mkdir -p "$bin_dir"
for exe in netdesk netdesk-reminders; do
    link=$bin_dir/$exe
    if [ -e "$link" ] && [ ! -L "$link" ]; then
        echo "  warning: $link exists and is not a symlink; left alone" >&2
    else
        ln -sfn "$lib_dir/$exe" "$link"
        echo "  command       $link"
    fi
done

# 3. desktop entry, icons, AppStream metadata
mkdir -p "$data_home/applications" "$data_home/metainfo"
write_desktop_file "$here/$APP_ID.desktop" "$data_home/applications/$APP_ID.desktop" "$lib_dir/netdesk"
echo "  desktop entry $data_home/applications/$APP_ID.desktop"

icon_count=0
for icon in "$icons"/*/apps/"$APP_ID".png "$icons"/*/apps/"$APP_ID".svg; do
    [ -f "$icon" ] || continue
    size=$(basename "$(dirname "$(dirname "$icon")")")
    mkdir -p "$data_home/icons/hicolor/$size/apps"
    cp "$icon" "$data_home/icons/hicolor/$size/apps/"
    chmod 644 "$data_home/icons/hicolor/$size/apps/$(basename "$icon")"
    icon_count=$((icon_count + 1))
done
[ "$icon_count" -gt 0 ] || die "no $APP_ID icons in $icons"
echo "  icons         $data_home/icons/hicolor ($icon_count sizes)"

cp "$here/$APP_ID.metainfo.xml" "$data_home/metainfo/"
chmod 644 "$data_home/metainfo/$APP_ID.metainfo.xml"
echo "  metainfo      $data_home/metainfo/$APP_ID.metainfo.xml"

# 4. reminders at login
if [ "$autostart" = 1 ]; then
    mkdir -p "$config_home/autostart"
    write_desktop_file "$here/netdesk-reminders.desktop" \
        "$config_home/autostart/netdesk-reminders.desktop" "$lib_dir/netdesk-reminders"
    echo "  autostart     $config_home/autostart/netdesk-reminders.desktop"
fi

# 5. refresh the desktop's caches (each tool is optional)
if have update-desktop-database; then
    update-desktop-database -q "$data_home/applications" || true
fi
if have update-mime-database && [ -d "$data_home/mime" ]; then
    update-mime-database "$data_home/mime" >/dev/null 2>&1 || true
fi
if [ "$make_default" = 1 ]; then
    if have xdg-mime; then
        if xdg-mime default "$APP_ID.desktop" text/vcard text/x-vcard >/dev/null 2>&1; then
            echo "  .vcf files    open with netdesk"
        else
            echo "  note: xdg-mime could not make netdesk the default for .vcf files" >&2
        fi
    else
        echo "  note: xdg-mime not found; .vcf files keep their current default application" >&2
    fi
fi
if have gtk-update-icon-cache; then
    gtk-update-icon-cache -q -t -f "$data_home/icons/hicolor" >/dev/null 2>&1 || true
fi

case ":${PATH:-}:" in
    *":$bin_dir:"*) ;;
    *) echo "  note: $bin_dir is not on your PATH; the menu entry works regardless" ;;
esac
echo "netdesk installed. To remove it: $lib_dir/uninstall.sh"
