# kata: 01
# expect: tampered
# Renames its own code after compiling it: _imp._fix_co_filename (importlib's helper, no audit event) sets
# the code's file name to checker/child/refusals.py, so its frames count as the checker's. Its heap walk
# sits on the line where refusals.py's own text names "get_objects" (the hook reads that line to allow the
# checker's calls; the line is found in the file, so that an edit of refusals.py does not move it away):
# the walk is allowed, finds the audit hook's closure and the secret; the file signs an all-passed record
# and leaves.
import _imp
import gc
import hashlib
import hmac
import json
import os

from checker.child import refusals

with open(refusals.__file__, encoding="utf-8") as f:
    LINE = next(n for n, text in enumerate(f, 1) if "get_objects" in text)
WALK = "\n" * (LINE - 1) + "objects = gc.get_objects()\n"
code = compile(WALK, "<walk>", "exec")
_imp._fix_co_filename(code, refusals.__file__)
space = {"gc": gc}
exec(code, space)

secret = record = None
for obj in space["objects"]:
    if type(obj).__name__ == "function" and obj.__code__.co_name == "private_event" and obj.__closure__:
        cells = dict(zip(obj.__code__.co_freevars, obj.__closure__))
        if "secret" in cells:
            secret = cells["secret"].cell_contents
    elif type(obj).__name__ == "KataPlugin":
        record = obj.record_path
del space
if secret and record:
    payload = json.dumps({"version": 1, "complete": True, "checks": [
        {"name": "everything", "passed": True, "code": None, "message": "", "status": "passed"}]}).encode()
    with open(record, "wb") as f:
        f.write(payload + b"\n" + hmac.new(secret, payload, hashlib.sha256).hexdigest().encode() + b"\n")
    os._exit(0)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
