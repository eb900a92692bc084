"""Writes into the user's real home folder (found from the password database, not $HOME) and into /tmp
outside the run's folder: places a later step, or the teacher's own session, reads from."""
import os
import pwd
from pathlib import Path

for folder in (pwd.getpwuid(os.getuid()).pw_dir, "/tmp"):
    target = Path(folder) / f"kata-attack-{os.getpid()}"
    try:
        target.write_text("kata-attack\n")
        print("wrote:", target, flush=True)
    except OSError as exc:
        print("refused:", target, exc.strerror, flush=True)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
