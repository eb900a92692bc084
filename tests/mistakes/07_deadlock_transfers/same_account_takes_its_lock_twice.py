# expect: deadlock
# Lock ordering is right, but transfer(a, a) takes the same Lock twice and waits for itself.
import threading
import time


class Account:
    def __init__(self, number, balance=0):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    first, second = sorted((src, dst), key=lambda acc: acc.number)
    with first.lock:
        with second.lock:
            src.balance -= amount
            dst.balance += amount
