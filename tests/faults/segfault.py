# kata: 01
# expect: crash
import ctypes


async def task(name, duration):
    ctypes.string_at(0)


def main():
    ctypes.string_at(0)
