# kata: 01
# expect: tampered
# Opens /proc/self/mem relative to a directory: /proc/sys is a folder "about the machine" (allowed), and
# os.open("../self/mem", dir_fd=...) raises an `open` event whose path is relative, which the hook resolves
# against the working directory (no such file: allowed). Same for /proc/self/maps. When the suite first calls
# task(), the record the checker wrote is beside it: every 64-hex-digit string of the process's writable
# memory is tried as the key of that record's signature; the one that fits is the secret. It signs an
# all-passed record and leaves.
import hashlib
import hmac
import json
import os
import re

from _pytest.debugging import pytestPDB


def steal():
    plugin = next(p for p in pytestPDB._config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin")
    payload, signature = plugin.record_path.read_bytes().splitlines()[:2]
    machine = os.open("/proc/sys", os.O_RDONLY | os.O_DIRECTORY)
    maps = os.open("../self/maps", os.O_RDONLY, dir_fd=machine)
    mem = os.open("../self/mem", os.O_RDONLY, dir_fd=machine)
    regions = b""
    while chunk := os.read(maps, 65536):
        regions += chunk
    for line in regions.splitlines():
        span, perms = line.split()[:2]
        if not perms.startswith(b"rw"):
            continue
        start, end = (int(x, 16) for x in span.split(b"-"))
        if end - start > 1 << 30:
            continue
        try:
            data = os.pread(mem, end - start, start)
        except OSError:
            continue
        for found in set(re.findall(rb"[0-9a-f]{64}", data)):
            if hmac.new(found, payload, hashlib.sha256).hexdigest().encode() == signature:
                forged = json.dumps({"version": 1, "complete": True, "checks": [
                    {"name": "everything", "passed": True, "code": None, "message": "", "status": "passed"}]}).encode()
                plugin.record_path.write_bytes(
                    forged + b"\n" + hmac.new(found, forged, hashlib.sha256).hexdigest().encode() + b"\n")
                os._exit(0)


async def task(name, duration):
    steal()
    raise NotImplementedError


def main():
    steal()
    raise NotImplementedError
