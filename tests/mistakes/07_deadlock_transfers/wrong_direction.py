# expect: wrong-result
# Moves the money the wrong way.
import threading
import time


class Account:
    def __init__(self, number, balance=0):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if src is dst:
        return
    first, second = sorted((src, dst), key=lambda acc: acc.number)
    with first.lock:
        with second.lock:
            src.balance += amount
            dst.balance -= amount
