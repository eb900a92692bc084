"""Signals `kata`, its parent (a harmless SIGCONT here; SIGSTOP or SIGKILL would stop the grading step): with
Landlock ABI 6 or later, signals to processes outside the check are refused."""
import os
import signal

try:
    os.kill(os.getppid(), signal.SIGCONT)
    print("signalled:", os.getppid(), flush=True)
except OSError as exc:
    print("refused:", os.getppid(), exc.strerror, flush=True)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
