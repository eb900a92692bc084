# kata: 07
# expect: deadlock
# Open, kata 07's side of race_counter_serialized_by_unseen_waits.py: `transfer` takes the locks in the order
# of the arguments unless both numbers are below 8 (transfer(9 → 3) beside transfer(3 → 9) can deadlock), and
# the first transfer from each account waits 0.3 s on an Event nobody sets. The exploration's first schedule
# of (9 → 3, 3 → 9): thread A waits unseen, the scheduler steps aside after 0.1 s (`passthrough`, which ends
# the exploration), B, running free, starts its own 0.3 s wait 0.1 s after A's: A wakes, takes both locks and
# finishes before B wakes. The clock keeps the transfers apart; it passes kata 07 whole, 10/10 (the same file
# without the waits fails with the exploration's deadlock). No tampering, no thread of its own.
# Fix (suggested): as for kata 03, the principled one: model timed waits in the exploring checks (Event.wait,
# Condition.wait, a timed acquire), so that the scheduler does not step aside for them, and make when a timed
# wait ends a choice the exploration tries; or refuse a run stepped aside from in the exploring checks, whose
# jobs call transfer() directly (a correct transfer waits only for the account locks the checks model).
import threading


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if src is dst:
        return
    if not getattr(src, "waited", False):
        src.waited = True
        threading.Event().wait(0.3)  # unseen: the scheduler steps aside
    if src.number < 8 and dst.number < 8:
        first, second = sorted((src, dst), key=lambda account: account.number)
    else:
        first, second = src, dst
    with first.lock:
        with second.lock:
            src.balance -= amount
            dst.balance += amount
