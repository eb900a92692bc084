"""Reads the environment of `kata`, its parent, from /proc/PID/environ (in a grader, an ancestor's names
GITHUB_OUTPUT, the file later steps' results are appended to), and appends a forged result line to the file
named there. (It stops at the parent: a harness running this file has ancestors that are none of its business.)"""
import os

pid = os.getppid()
try:
    with open(f"/proc/{pid}/environ", "rb") as f:
        env = dict(item.split(b"=", 1) for item in f.read().split(b"\0") if b"=" in item)
    print("read:", f"/proc/{pid}/environ", flush=True)
except OSError as exc:
    print("refused:", f"/proc/{pid}/environ", exc.strerror, flush=True)
    env = {}
for key in (b"GITHUB_OUTPUT", b"KATA_ATTACK_OUTPUT"):
    if key in env:
        try:
            with open(env[key], "a") as out:
                out.write("result=kata-attack\n")
        except OSError as exc:
            print("refused:", env[key].decode(), exc.strerror, flush=True)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
