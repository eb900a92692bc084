# kata: 01
# expect: crash
# A signal handler runs where the interpreter happens to be: C's map() calls sys.audit in a loop, so the only
# Python code running is the audit hook, and a SIGPROF timer's handler receives the hook's own frame (no
# audit event). Its f_locals hand over the hook's closure: `busy` (adding our thread lets every event
# through), `private` and, from its closure, the secret. Then the classic forgery: find the plugin, sign an
# all-passed record, leave. Stopped: the checks, and so the learner's code, run on a thread other than the
# main one, and Python lets only the main thread install a signal handler (checker/child/__main__.py).
import collections
import hashlib
import hmac
import itertools
import json
import os
import signal
import sys

found = {}


class Got(BaseException):
    pass


def on_prof(signum, frame):
    if frame is not None and frame.f_code.co_name == "check" and frame.f_code.co_filename.endswith("refusals.py"):
        found.update(frame.f_locals)
        raise Got()


signal.signal(signal.SIGPROF, on_prof)
signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
try:
    collections.deque(map(sys.audit, itertools.repeat("x", 50_000_000)), maxlen=0)
except Got:
    pass
signal.setitimer(signal.ITIMER_PROF, 0)

if found:
    import _thread
    import gc

    found["busy"].add(_thread.get_ident())  # the hook now lets this thread's events through
    cells = {name: cell.cell_contents for name, cell in zip(found["private"].__code__.co_freevars,
                                                             found["private"].__closure__)}
    inner = cells["private_event"]
    secret = dict(zip(inner.__code__.co_freevars, (c.cell_contents for c in inner.__closure__)))["secret"]
    for obj in gc.get_objects():
        path = getattr(type(obj), "__name__", "") == "KataPlugin" and getattr(obj, "record_path", None)
        if path:
            payload = json.dumps({"version": 1, "complete": True, "checks": [
                {"name": "everything", "passed": True, "code": None, "message": "", "status": "passed"}]}).encode()
            with open(path, "wb") as f:
                f.write(payload + b"\n" + hmac.new(secret, payload, hashlib.sha256).hexdigest().encode() + b"\n")
            os._exit(0)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
