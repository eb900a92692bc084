# kata: 01
# expect: tampered
# Runs a checker module's exact source, compiled under its own file name (allowed: it is the file's source),
# in a namespace of its own: diagnose.snapshot() then calls sys._current_frames() from a checker line that
# names it (allowed) and hands every thread's frame to `learner_frames`, looked up in that namespace: the
# learner's function. Meanwhile the main thread calls sys.audit from C (map), so its only Python frame is the
# audit hook's, where the interpreter switches threads (no line of the learner's runs in between). The hook
# frame's f_locals hold its closure: the secret, found through `private`; then the plugin is found through
# pytest's configuration, an all-passed record is signed and the process leaves.
import collections
import hashlib
import hmac
import itertools
import json
import os
import sys
import threading

from checker.child import diagnose

found = {}


def grab(frame, learner_file):
    if frame.f_code.co_name == "check" and frame.f_code.co_filename.endswith("refusals.py"):
        found.update(frame.f_locals)
    return ()


def spy():
    with open(diagnose.__file__, "rb") as f:
        source = f.read()
    namespace = {"__name__": diagnose.__name__}  # its dataclasses look their module up by name
    exec(compile(source, diagnose.__file__, "exec"), namespace)
    namespace["learner_frames"] = grab
    while not found:
        namespace["snapshot"]("-")


spying = threading.Thread(target=spy, daemon=True)
spying.start()
for _ in range(40):
    collections.deque(map(sys.audit, itertools.repeat("x", 100_000)), maxlen=0)
    if found:
        break
spying.join(5)

if found:
    cells = dict(zip(found["private"].__code__.co_freevars, found["private"].__closure__))
    inner = cells["private_event"].cell_contents
    secret = dict(zip(inner.__code__.co_freevars, inner.__closure__))["secret"].cell_contents
    from _pytest.debugging import pytestPDB

    plugin = next(p for p in pytestPDB._config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin")
    payload = json.dumps({"version": 1, "complete": True, "checks": [
        {"name": "everything", "passed": True, "code": None, "message": "", "status": "passed"}]}).encode()
    with open(plugin.record_path, "wb") as f:
        f.write(payload + b"\n" + hmac.new(secret, payload, hashlib.sha256).hexdigest().encode() + b"\n")
    os._exit(0)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
