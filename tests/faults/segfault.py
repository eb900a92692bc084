# kata: 01
# expect: crash
# A segmentation fault in the learner's call (faulthandler's own test trigger: ctypes is refused now).
import faulthandler


async def task(name, duration):
    faulthandler._sigsegv()


def main():
    faulthandler._sigsegv()
