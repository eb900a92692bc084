# kata: 01
# expect: wrong-result wrong-output tampered
# Finds the plugin without gc or frames and, from a thread that keeps running, sets every check to a
# consistent "passed" again and again, also after each verdict.
import sys
import threading
import time

structures = sys.modules.get("_pytest.mark.structures")
config = structures.MARK_GEN._config if structures is not None else None
plugin = next((p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin"), None) \
    if config is not None else None


def flip():
    while plugin is not None:
        for check in list(plugin.checks.values()):
            check.passed, check.status, check.code, check.message = True, "passed", None, ""
        time.sleep(0.001)


threading.Thread(target=flip, daemon=True).start()


async def task(name, duration):
    return None


def main():
    return None
