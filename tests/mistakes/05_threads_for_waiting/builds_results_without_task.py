# expect: wrong-result
# Sleeps in threads with its own code and builds the results itself: the module's task is never called.
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    threads = [threading.Thread(target=time.sleep, args=(d,)) for d in durations]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [f"result of task {i + 1}" for i in range(len(durations))]
