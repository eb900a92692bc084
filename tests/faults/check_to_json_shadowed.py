# kata: 01
# expect: crash
# Passed (red team, 2026-12-06: "Kata 01 passed: 8/8 checks"), task and main untouched (they raise); any kata.
# Same root as json_encoder_rewrites_entries.py (the hook signs entry bytes it never reads), by another
# road: no module attribute changes at all. While the module loads, it reaches the plugin
# (MARK_GEN._config) and gives each Check in plugin.checks an INSTANCE attribute `to_json` returning a dict
# subclass whose __setitem__ ignores "passed" and "status". record.entry() calls `check.to_json()` (the
# instance attribute wins), then `data["passed"], data["status"] = status == "passed", status` is swallowed
# by the subclass, and json.dumps encodes passed/"passed" for a failed check. All of it runs in
# record.write before seal(); the hook keeps ("failed", <bytes saying passed>) and signs them.
# What it defeats: plugin._write's consistency test (`type(c) is Check and c.passed is (c.status ==
# "passed")`) looks at the Check's fields, not at instance attributes hiding Check's methods; guard.Pipeline's
# "attributes hiding a method" covers the plugin, config, items and session, not the Checks.
# Fix: the hook-side check of the entry bytes (see json_encoder_rewrites_entries.py) closes both; here also,
# in record.entry, call `Check.to_json(check)` (the class's function, not the instance's attribute) and
# build `data` as `dict(...)` of exact values, or have _write refuse a Check whose __dict__ holds a name of
# Check's methods.
# Stopped: each check's status is the hook's own list ("statuses"), and an entry that says otherwise makes the
# record forged.
import sys

structures = sys.modules.get("_pytest.mark.structures")
config = structures.MARK_GEN._config if structures is not None else None
plugin = next((p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin"), None) \
    if config is not None else None


class Stubborn(dict):
    def __setitem__(self, key, value):
        if key not in ("passed", "status"):
            dict.__setitem__(self, key, value)


def passing(check):
    return lambda: Stubborn(name=check.name, passed=True, code=None, message="", status="passed")


if plugin is not None:
    for check in plugin.checks.values():
        check.to_json = passing(check)


async def task(name, duration):
    raise NotImplementedError("write task()")


def main():
    raise NotImplementedError("write main()")
