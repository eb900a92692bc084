# kata: 01
# expect: wrong-timing
# A sibling of last_loop_is_a_decoy.py whose decoy loop is made in another thread too: `task` waits 0.3 s
# whatever its duration, then starts a thread that calls asyncio.run(asyncio.sleep(duration)); main only
# prints and does the same for 1.0 s. The fixture's loop maker is replaced process-wide for the run, so the
# thread's asyncio.run gets a virtual loop as well, made last: before, its clock was read as the run's time
# and every check passed. Now stopped: a loop made in another thread is never timed, and a run in which one
# turned fails with `wrong-timing` ("made or run in another thread", checker/child/virtual.py).
import asyncio
import threading


def _decoy(duration):
    waiter = threading.Thread(target=asyncio.run, args=(asyncio.sleep(duration),))
    waiter.start()
    waiter.join()


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(0.3)
    print(f"[{name}] done")
    _decoy(duration)
    return f"result of {name}"


def main():
    print("[kata] start")
    print("[kata] done")
    _decoy(1.0)
    return "result of kata"
