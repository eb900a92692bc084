# expect: not-concurrent
# One global lock for every transfer: correct, but transfers between unrelated accounts wait for each other.
import threading
import time


class Account:
    def __init__(self, number, balance=0):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


BANK = threading.Lock()


def transfer(src, dst, amount):
    with BANK:
        src.balance -= amount
        dst.balance += amount
