# expect: not-a-coroutine
# A plain function cannot await: it is not a coroutine.
import time


def task(name, duration):
    print(f"[{name}] start")
    time.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return task("kata", 1.0)
