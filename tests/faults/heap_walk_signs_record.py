# kata: 01
# expect: tampered
# Walks the heap (gc.get_objects) for the plugin and its secret, signs an all-passed record and exits:
# the attack that worked before the audit hook.
import gc
import hashlib
import hmac
import json
import os

for obj in gc.get_objects():
    secret = getattr(obj, "_secret", None)
    path = getattr(obj, "record_path", None)
    if isinstance(secret, bytes) and path is not None:
        payload = json.dumps({"version": 1, "complete": True, "checks": [
            {"name": "everything", "passed": True, "code": None, "message": "", "status": "passed"}]}).encode()
        with open(path, "wb") as f:
            f.write(payload + b"\n" + hmac.new(secret, payload, hashlib.sha256).hexdigest().encode() + b"\n")
        os._exit(0)


async def task(name, duration):
    return None


def main():
    return None
