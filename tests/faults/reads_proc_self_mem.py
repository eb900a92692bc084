# kata: 01
# expect: tampered
# Opens /proc/self/mem (through a symlink) to search the process's memory for the secret.
import os
import tempfile

link = os.path.join(tempfile.mkdtemp(), "innocent")
os.symlink("/proc/self/mem", link)
try:
    open(link, "rb").close()
except BaseException:
    pass


async def task(name, duration):
    return None


def main():
    return None
