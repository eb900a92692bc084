# kata: 01
# expect: tampered
# threading.settrace: every thread started afterwards traces the checker's code.
import threading


def tracer(frame, event, arg):
    return None


threading.settrace(tracer)
threading.Thread(target=lambda: None).start()


async def task(name, duration):
    return None


def main():
    return None
