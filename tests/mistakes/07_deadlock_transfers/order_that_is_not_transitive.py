# expect: deadlock
# An order that is consistent for every PAIR of accounts (both directions take the same lock first) but not
# transitive, like rock-paper-scissors: 5 before 6, 6 before 7, and 7 before 5. Two transfers never deadlock;
# the three transfers 5→6, 6→7 and 7→5 at once wait in a circle.
import threading
import time


class Account:
    def __init__(self, number, balance=0):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def comes_first(a, b):
    gap = (b.number - a.number) % 3
    if gap == 0:
        return a.number < b.number
    return gap == 1


def transfer(src, dst, amount):
    if src is dst:
        return
    first, second = (src, dst) if comes_first(src, dst) else (dst, src)
    with first.lock:
        with second.lock:
            src.balance -= amount
            dst.balance += amount
