# kata: 01
# expect: tampered
# OPEN (passes today: "Kata 01 passed: 8/8 checks"), task and main untouched (they raise); any kata: this
# one steals the run's HMAC key itself and writes a signed record of its own.
# How: the learner's module puts a finder of its own first in sys.meta_path (no audit event), then imports
# a standard-library module whose source declares a legacy encoding (`turtledemo/clock.py`: "coding:
# cp1252") and whose bytecode is cached (pyenv's stdlib ships its pyc: the import itself compiles nothing).
# When the import system runs the module's code, the `exec` event reaches the audit hook, which checks that
# a trusted file's code is the file's own (refusals.py exec_event -> genuine()): it compiles the SOURCE,
# inside the hook. The tokenizer looks the cp1252 codec up, encodings.search_function imports
# `encodings.cp1252`, and the import system asks every sys.meta_path finder, the learner's first: learner
# code runs inside the hook, on the hook's own thread, where every event it raises is let through (`busy`)
# and the collector is off. `sys._getframe(1)` then `f_back` reach the hook's `check` frame, whose f_locals
# holds its free variable `state`, and `state["key"]` is the secret. The finder signs an all-passed,
# complete record with it (the parent checks only the HMAC), writes it at plugin.record_path and leaves
# with os._exit(0). (turtledemo.clock's own import then fails on tkinter, too late to matter.)
# What it defeats: "the run's secret lives only in that hook ... no frame that learner code can reach
# without a refused event holds it" (audit.py docstring): the hook itself runs the import system (and the
# codec registry) while its frames hold the key.
# Fix: nothing in the hook may import, look a codec up, or warn. In genuine(): refuse (return None) a
# source whose first two lines hold a PEP 263 cookie other than utf-8 / latin-1 / iso-8859-1 (those decode
# without the codec registry), or decode it outside the hook; compile with warnings off through a bound
# `_warnings` filter list swapped in for the duration (a trusted file that warns when compiled, e.g. an
# invalid escape sequence, would call the learner's warnings.showwarning the same way: IGNORED in guard);
# and keep the key in a closure the hook's frames do not reference directly (e.g. a cell read only by a
# tiny `sign()` function that runs no other code), so that a frame of `check` does not show it.
import hashlib
import hmac
import json
import os
import sys

structures = sys.modules.get("_pytest.mark.structures")
config = structures.MARK_GEN._config if structures is not None else None
plugin = next((p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin"), None) \
    if config is not None else None


class Finder:
    """Asked by the import system for every module not yet loaded, even inside the audit hook."""

    def find_spec(self, name, path=None, target=None):
        if name != "encodings.cp1252":
            return None
        frame = sys._getframe(1)  # inside the hook: its own events are let through
        while frame is not None:
            state = frame.f_locals.get("state")
            if type(state) is dict and isinstance(state.get("key"), bytes):
                forge(state["key"])
            frame = frame.f_back
        return None


def forge(key):
    checks = [{"name": check.name, "passed": True, "code": None, "message": "", "status": "passed",
               "test": check.test} for check in plugin.checks.values()]
    payload = json.dumps({"version": 1, "complete": True, "checks": checks}).encode()
    with open(plugin.record_path, "wb") as f:
        f.write(payload + b"\n" + hmac.new(key, payload, hashlib.sha256).hexdigest().encode() + b"\n")
    os._exit(0)


if plugin is not None and "encodings.cp1252" not in sys.modules:
    sys.meta_path.insert(0, Finder())
    try:
        import turtledemo.clock  # noqa: F401  (read from its pyc; the hook compiles its cp1252 source)
    except BaseException:
        pass


async def task(name, duration):
    raise NotImplementedError("write task()")


def main():
    raise NotImplementedError("write main()")
