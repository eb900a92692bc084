# kata: 01
# expect: crash
# Puts FIFOs where the parent reads the record and the output, and a folder where the record is written
# first, so that the record stays a FIFO: the parent, once the check ended, would block for ever opening it
# (a `kata class grade` hung on one student). The parent opens the record only as a regular file, never
# blocking, and reads the output by its own descriptor: a record that is not a regular file is a forged one.
import os

for name in ("record.json", "output.txt"):
    try:
        os.remove(name)
    except OSError:
        pass
    os.mkfifo(name)
os.mkdir("record.tmp")


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
