# Right way: ExitStack, locks ordered with min/max on the account number.
import threading
import time


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


from contextlib import ExitStack


def transfer(src, dst, amount):
    if src is dst:
        return
    ordered = [min(src, dst, key=lambda a: a.number), max(src, dst, key=lambda a: a.number)]
    with ExitStack() as stack:
        for account in ordered:
            stack.enter_context(account.lock)
        src.balance = src.balance - amount
        dst.balance = dst.balance + amount
