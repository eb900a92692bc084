# kata: 01
# expect: crash
import os
import signal


async def task(name, duration):
    os.kill(os.getpid(), signal.SIGKILL)


def main():
    os.kill(os.getpid(), signal.SIGKILL)
