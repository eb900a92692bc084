# kata: 01
# expect: tampered
# Finds the plugin without gc or frames (pytest's MARK_GEN holds the configuration, which holds the
# plugins), then, while its code runs, marks every check passed, hides the guard behind an instance
# attribute and swaps the checks for a dict that never records a failure.
import sys

structures = sys.modules.get("_pytest.mark.structures")
config = structures.MARK_GEN._config if structures is not None else None
plugin = next((p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin"), None) \
    if config is not None else None


class Passing(dict):
    def values(self):
        for check in dict.values(self):
            check.passed, check.status, check.code, check.message = True, "passed", None, ""
        return dict.values(self)


def forge():
    if plugin is None:
        return
    for check in plugin.checks.values():
        check.passed, check.status, check.code, check.message = True, "failed", None, ""
    plugin._check_untouched = lambda: None
    plugin.checks = Passing(plugin.checks)


async def task(name, duration):
    forge()
    return None


def main():
    forge()
    return None
