# kata: 01
# expect: crash
# os._exit skips every cleanup: the checker's process ends in the middle of a check.
import os


async def task(name, duration):
    os._exit(0)


def main():
    os._exit(0)
