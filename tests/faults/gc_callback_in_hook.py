# kata: 01
# expect: tampered
# A gc callback runs wherever a collection starts, inside the audit hook too, where the hook lets the thread's
# events through (its `busy` set). The file raises a `compile` event naming a stdlib file with that file's
# own bytes (allowed: the hook reads the file to compare, which allocates), with the collector's threshold
# at 1 so a collection starts there; the callback tells it runs in the hook by warnings' stacklevel (which
# reads the caller's file without an audit event), then walks the heap freely for the hook's closure and
# the secret, signs an all-passed record and leaves.
import gc
import hashlib
import hmac
import json
import os
import sys
import warnings

SOURCE = open(os.__file__, "rb").read()


def caller_file(level):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        warnings.warn("where", stacklevel=level)
    return seen[0].filename if seen else ""


def forge():
    secret = path = None
    for obj in gc.get_objects():
        if type(obj).__name__ == "function" and obj.__code__.co_name == "private_event" and obj.__closure__:
            cells = dict(zip(obj.__code__.co_freevars, obj.__closure__))
            if "secret" in cells:
                secret = cells["secret"].cell_contents
        elif type(obj).__name__ == "KataPlugin":
            path = obj.record_path
    if secret and path:
        payload = json.dumps({"version": 1, "complete": True, "checks": [
            {"name": "everything", "passed": True, "code": None, "message": "", "status": "passed"}]}).encode()
        with open(path, "wb") as f:
            f.write(payload + b"\n" + hmac.new(secret, payload, hashlib.sha256).hexdigest().encode() + b"\n")
        os._exit(0)


def on_collect(phase, info):
    if phase == "start" and caller_file(3).endswith("refusals.py"):  # 1: caller_file, 2: here, 3: below
        forge()


gc.callbacks.append(on_collect)
old = gc.get_threshold()
gc.set_threshold(1)
for _ in range(200):
    sys.audit("compile", SOURCE, os.__file__)
gc.set_threshold(*old)
gc.callbacks.remove(on_collect)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
