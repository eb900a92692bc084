# kata: 01
# expect: tampered
# Reads the process's memory with ctypes (string_at), where the secret lives.
import ctypes

try:
    ctypes.string_at(id(object()), 64)
except BaseException:
    pass


async def task(name, duration):
    return None


def main():
    return None
