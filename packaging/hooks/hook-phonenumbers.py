"""PyInstaller hook for phonenumbers, replacing the stock one (hookspath wins over contrib).

The stock hook collects every phonenumbers submodule, including the geocoder, carrier and
time-zone tables: about 40 MB of source, compiled into the PYZ of *each* executable. netdesk
only needs the number metadata (phonenumbers.data, which is imported lazily by region, and
phonenumbers.shortdata). The spec passes, through hooksconfig, the optional tables that
netdesk's source does import (see bundlecfg.phonenumbers_extras_used); those are kept.
"""

from PyInstaller.utils.hooks import collect_submodules, get_hook_config

OPTIONAL = ("phonenumbers.geodata", "phonenumbers.carrierdata", "phonenumbers.tzdata")


def hook(hook_api):
    wanted = get_hook_config(hook_api, "phonenumbers", "keep") or []
    skip = tuple(pkg for pkg in OPTIONAL if pkg not in wanted)

    def include(name):
        return not any(name == pkg or name.startswith(pkg + ".") for pkg in skip)

    hook_api.add_imports(*collect_submodules("phonenumbers", filter=include))
