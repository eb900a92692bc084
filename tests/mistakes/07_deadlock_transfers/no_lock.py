# expect: lost-updates
# No lock at all: concurrent read-modify-writes of the same balance lose updates.
import threading
import time


class Account:
    def __init__(self, number, balance=0):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    src.balance -= amount
    dst.balance += amount
