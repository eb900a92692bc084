# kata: 01
# expect: tampered
# Compiles its own file under the name "<checker folder>/../../<its own path>": the hook tells the checker's
# code by a prefix of the name, and the source is that file's (the hook compares), so the code counts as the
# checker's. From there a line that names gc.get_objects may walk the heap (the hook reads that line from
# the same file): it finds the audit hook's closure, hence the secret, signs an all-passed record, leaves.
import gc
import hashlib
import hmac
import json
import os

import checker

if __name__ == "as_the_checker":
    for obj in gc.get_objects():  # allowed: "checker" code, and its line names get_objects
        if type(obj).__name__ == "function" and obj.__code__.co_name == "private_event" and obj.__closure__:
            cells = dict(zip(obj.__code__.co_freevars, obj.__closure__))
            if "secret" in cells:
                SECRET = cells["secret"].cell_contents
        elif type(obj).__name__ == "KataPlugin":
            RECORD = obj.record_path
    payload = json.dumps({"version": 1, "complete": True, "checks": [
        {"name": "everything", "passed": True, "code": None, "message": "", "status": "passed"}]}).encode()
    with open(RECORD, "wb") as f:
        f.write(payload + b"\n" + hmac.new(SECRET, payload, hashlib.sha256).hexdigest().encode() + b"\n")
    os._exit(0)
else:
    with open(__file__, "rb") as f:
        source = f.read()
    checker_folder = os.path.dirname(os.path.realpath(checker.__file__))
    name = checker_folder + "/.." * 40 + os.path.realpath(__file__)
    exec(compile(source, name, "exec"), {"__name__": "as_the_checker"})


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
