# kata: 01
# expect: timeout deadlock
# The module takes a lock twice while importing: it waits for itself forever.
import threading

lock = threading.Lock()
lock.acquire()
with lock:
    pass
