# kata: 01
# expect: tampered
# Adds its own audit hook (to watch the checker), swallowing whatever is raised.
import sys

try:
    sys.addaudithook(lambda event, args: None)
except BaseException:
    pass


async def task(name, duration):
    return None


def main():
    return None
