# expect: deadlock
# Takes the locks in the order of the arguments: a→b and b→a at once deadlock.
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
    with src.lock:
        with dst.lock:
            src.balance -= amount
            dst.balance += amount
