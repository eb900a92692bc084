# kata: 08
# expect: tampered
# Kata 09's probe_emptied, on kata 08: run_asyncio calls the blocking version inside the coroutine (the
# mistake asyncio_calls_blocking_io), beside the right gather of async_io, then wipes the suite's note of
# where blocking_io was called inside the event loop. The suite's blocking_io is a closure: before the fix,
# over the suite's Workload (`self`), whose `in_loop` list the learner emptied (`.clear()`), no audit event.
# How it is stopped: the Workload is a tuple whose records ("in loop", "caller") are in a Ledger
# (checker/child/kit_ledger.py) that only the suite's blocking_io and the caller's thread write; blocking_io's
# closure holds that ledger, and writing it from here latches `tampered` (`in_loop` reads a tuple copy).
import asyncio
import threading
import time


def blocking_io(delay):
    time.sleep(delay)


async def async_io(delay):
    await asyncio.sleep(delay)


def run_sequential(n_tasks, delay):
    start = time.perf_counter()
    for _ in range(n_tasks):
        blocking_io(delay)
    return time.perf_counter() - start


def run_threads(n_tasks, delay):
    start = time.perf_counter()
    threads = [threading.Thread(target=blocking_io, args=(delay,)) for _ in range(n_tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def _forget_the_blocking_call() -> None:
    for cell in blocking_io.__closure__ or ():
        held = cell.cell_contents
        try:
            if hasattr(held, "in_loop") and hasattr(held.in_loop, "clear"):
                held.in_loop.clear()  # the Workload of before: a list
            elif type(held).__name__ == "Ledger":
                held.write(("put", "in loop", []))
        except Exception:  # noqa: BLE001 - refused: carry on
            pass


async def run_asyncio(n_tasks, delay):
    start = time.perf_counter()
    blocking_io(delay)  # the blocking call inside the coroutine
    await asyncio.gather(*(async_io(delay) for _ in range(n_tasks)))
    _forget_the_blocking_call()
    return time.perf_counter() - start


def benchmark(n_tasks, delay):
    return {
        "sequential": run_sequential(n_tasks, delay),
        "threads": run_threads(n_tasks, delay),
        "asyncio": asyncio.run(run_asyncio(n_tasks, delay)),
    }
