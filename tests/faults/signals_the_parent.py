# kata: 01
# expect: tampered
# Sends SIGSTOP to the checker's parent (`kata`), swallowing whatever is raised.
import os
import signal

try:
    os.kill(os.getppid(), signal.SIGCONT)
except BaseException:
    pass


async def task(name, duration):
    return None


def main():
    return None
