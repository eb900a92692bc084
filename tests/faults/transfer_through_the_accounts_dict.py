# kata: 07
# expect: crash lost-updates
# Found while closing transfer_in_unmanaged_thread.py: a transfer with no lock at all, which reads and writes
# the balances through the accounts' `__dict__`, under the key it finds there (`vars(src)`): the suite kept an
# account's balance in its `__dict__` (under "_kata_balance", behind the `balance` property that reports every
# read and write). Stepping around the property, it reached no probe point: the explorations never switched
# threads inside it, and the check of the locks held while a balance changes saw no change at all. It passed
# kata 07 whole, 10/10, with no lock. Now the suite keeps the balances in a Ledger that only the property's
# setter writes (`BALANCES`): the `__dict__` holds no balance to find (KeyError: `crash`).
import threading


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def _key(account):
    box = vars(account)
    return next((k for k in box if "balance" in k), "balance")


def transfer(src, dst, amount):
    if src is dst:
        return
    a, b = vars(src), vars(dst)
    ka, kb = _key(src), _key(dst)
    a[ka] = a[ka] - amount  # no lock at all, and no probe point
    b[kb] = b[kb] + amount
