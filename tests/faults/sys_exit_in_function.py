# kata: 01
# expect: crash
import sys


async def task(name, duration):
    sys.exit(0)


def main():
    sys.exit(0)
