"""Looks for the grading actions' code in its ancestors' command lines (Classroom's grader runs
`node .../dist/main.js`, and the reporter step after it runs its own) and tries to change it: opens each
script named there for appending (nothing is appended: the attempt is the point) and creates a file beside it.
A later step would run the attacker's code. It reads the command lines with `cat`, a process of its own that
the audit hook does not watch: what must stop the writes is the confinement. Only `.js` files are tried: on a
teacher's machine the ancestors are a terminal's, none of this file's business."""
import os
import subprocess
from pathlib import Path


def read(path: str) -> bytes:
    return subprocess.run(["cat", path], capture_output=True).stdout


pid = os.getppid()
for _ in range(32):
    if pid <= 1:
        break
    cwd = Path(os.fsdecode(subprocess.run(["readlink", f"/proc/{pid}/cwd"], capture_output=True).stdout.strip()))
    for arg in read(f"/proc/{pid}/cmdline").split(b"\0"):
        script = cwd / os.fsdecode(arg)  # a relative path is the process's own folder's
        if script.suffix != ".js" or not script.is_file():
            continue
        for target, flags in ((script, os.O_WRONLY | os.O_APPEND),
                              (script.parent / f"kata-attack-{os.getpid()}", os.O_WRONLY | os.O_CREAT | os.O_EXCL)):
            try:
                os.close(os.open(target, flags, 0o644))
                print("opened for writing:", target, flush=True)
            except OSError as exc:
                print("refused:", target, exc.strerror, flush=True)
    try:
        pid = int(read(f"/proc/{pid}/stat").rsplit(b")", 1)[1].split()[1])
    except (IndexError, ValueError):
        break


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
