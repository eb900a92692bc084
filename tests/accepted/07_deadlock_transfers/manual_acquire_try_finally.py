# Right way: acquire in number order, release in a finally.
import threading
import time


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if src.number == dst.number:
        return
    first, second = (src, dst) if src.number < dst.number else (dst, src)
    first.lock.acquire()
    try:
        second.lock.acquire()
        try:
            src.balance -= amount
            dst.balance += amount
        finally:
            second.lock.release()
    finally:
        first.lock.release()
