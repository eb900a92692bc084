# Right way: take one lock, try the other without blocking; if busy, release and try again.
import threading
import time


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if src is dst:
        return
    while True:
        src.lock.acquire()
        if dst.lock.acquire(blocking=False):
            try:
                src.balance -= amount
                dst.balance += amount
                return
            finally:
                dst.lock.release()
                src.lock.release()
        src.lock.release()
        time.sleep(0.0001)
