# kata: 01
# expect: tampered
# Makes the audit hook fail inside its own code: a forged `checker.seal` event with one argument instead of
# three raises ValueError in the hook's private_event, whose traceback holds the hook's frames. Python's
# traceback module, asked to capture locals, reads tb_frame itself (allowed: Python's code reads it, as when
# a traceback is printed) and gives the repr of each frame's locals, the hook's closure included: the
# secret. The file signs an all-passed record and leaves.
import ast
import hashlib
import hmac
import json
import os
import sys
import traceback

from _pytest.debugging import pytestPDB

secret = None
try:
    sys.audit("checker.seal", 1)
except ValueError as error:
    for frame in traceback.TracebackException.from_exception(error, capture_locals=True).stack:
        if frame.locals and "secret" in frame.locals:
            secret = ast.literal_eval(frame.locals["secret"])

if secret:
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
