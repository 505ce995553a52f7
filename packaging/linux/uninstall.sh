#!/bin/sh
# Remove a per-user netdesk install made by install.sh (see there for what goes where).
#
#   ./uninstall.sh
#
# Your netdesk data (the database and backups in ~/.local/share/netdesk, settings in
# ~/.config/netdesk, logs in ~/.local/state/netdesk by default) is NOT touched: delete those
# yourself if you want them gone.
# XDG_DATA_HOME and XDG_CONFIG_HOME are honoured as in install.sh.
set -eu

APP_ID=org.netdesk.netdesk

die() { echo "uninstall.sh: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

case "${1:-}" in
    "") ;;
    -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option: $1" ;;
esac

: "${HOME:?HOME is not set}"
case "${XDG_DATA_HOME:-}" in /*) data_home=$XDG_DATA_HOME ;; *) data_home=$HOME/.local/share ;; esac
case "${XDG_CONFIG_HOME:-}" in /*) config_home=$XDG_CONFIG_HOME ;; *) config_home=$HOME/.config ;; esac
bin_dir=$HOME/.local/bin
lib_dir=$HOME/.local/lib/netdesk

removed=0
remove() {
    if [ -e "$1" ] || [ -L "$1" ]; then
        rm -f "$1"
        echo "  removed $1"
        removed=$((removed + 1))
    fi
}

echo "Uninstalling netdesk"

# commands: only our own symlinks
for exe in netdesk netdesk-reminders; do
    link=$bin_dir/$exe
    if [ -L "$link" ]; then
        case "$(readlink "$link")" in
            "$lib_dir/$exe") remove "$link" ;;
            *) echo "  kept $link (it does not point into $lib_dir)" ;;
        esac
    fi
done

# desktop entries, autostart, metadata, icons
remove "$data_home/applications/$APP_ID.desktop"
remove "$config_home/autostart/netdesk-reminders.desktop"
remove "$data_home/metainfo/$APP_ID.metainfo.xml"
for icon in "$data_home"/icons/hicolor/*/apps/"$APP_ID".png "$data_home"/icons/hicolor/*/apps/"$APP_ID".svg; do
    [ -e "$icon" ] && remove "$icon"
done

# the .vcf association that install.sh made with xdg-mime
for list in "$config_home/mimeapps.list" "$data_home/applications/mimeapps.list"; do
    [ -f "$list" ] || continue
    grep -q "$APP_ID.desktop" "$list" || continue
    awk -v id="$APP_ID.desktop" '
        /^(text\/vcard|text\/x-vcard)=/ {
            key = substr($0, 1, index($0, "="))
            n = split(substr($0, length(key) + 1), apps, ";")
            out = ""
            for (i = 1; i <= n; i++)
                if (apps[i] != "" && apps[i] != id) out = out apps[i] ";"
            if (out != "") print key out
            next
        }
        { print }
    ' "$list" > "$list.tmp" && mv "$list.tmp" "$list"
    echo "  removed the .vcf association from $list"
done

# the bundle itself (this script may live inside it; sh has already read what it needs)
if [ -d "$lib_dir" ]; then
    if [ -e "$lib_dir/netdesk" ] || [ -e "$lib_dir/_internal" ]; then
        rm -rf "$lib_dir"
        echo "  removed $lib_dir"
        removed=$((removed + 1))
    else
        echo "  kept $lib_dir (it does not look like a netdesk bundle)" >&2
    fi
fi

if have update-desktop-database && [ -d "$data_home/applications" ]; then
    update-desktop-database -q "$data_home/applications" || true
fi
if have gtk-update-icon-cache && [ -f "$data_home/icons/hicolor/icon-theme.cache" ]; then
    gtk-update-icon-cache -q -t -f "$data_home/icons/hicolor" >/dev/null 2>&1 || true
fi

if [ "$removed" -eq 0 ]; then
    echo "netdesk was not installed for this user; nothing to do."
else
    echo "netdesk uninstalled. Your data was left alone (database, settings and logs)."
fi
