# kata: 01
# expect: tampered
# Reads every thread's frames (sys._current_frames), catching whatever is raised, then goes on.
import sys

try:
    frames = sys._current_frames()
except BaseException:
    frames = {}


async def task(name, duration):
    return None


def main():
    return None
