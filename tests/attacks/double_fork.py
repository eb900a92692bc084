"""Leaves an orphan behind with a double fork: the grandchild's parent exits at once, so the grandchild is
no longer a descendant of the check's process by parentage (it is re-parented)."""
import os
import sys

pid = os.fork()
if pid == 0:
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(120)", "kata-attack-grandchild"])
    os._exit(0)
os.waitpid(pid, 0)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
