"""Leaves a daemon behind: a child that leaves the check's process group and session with setsid, then
sleeps, to rewrite files after the grading step has restored them."""
import os
import sys

if os.fork() == 0:
    os.setsid()
    os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(120)", "kata-attack-daemon"])


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
