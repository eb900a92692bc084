# kata: 01
# expect: tampered
# Reads its parent's environment from /proc (where GITHUB_OUTPUT's path is), then goes on.
import os

try:
    with open(f"/proc/{os.getppid()}/environ", "rb") as f:
        f.read()
except BaseException:
    pass


async def task(name, duration):
    return None


def main():
    return None
