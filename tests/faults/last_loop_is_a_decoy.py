# kata: 01
# expect: wrong-timing
# Waits 0.3 s of event-loop time whatever the duration it is given, and main never runs task nor asyncio.run;
# no swap, no patch, nothing for the guard to see. The decoy: before returning, `task` makes a new event loop
# and runs `asyncio.sleep(duration)` on it in a short-lived thread (a loop cannot run inside a running one on
# the same thread); looptime's virtual clock of that loop jumps to `duration` at once, in no real time, and it
# is the run's last loop. The `virtual` fixture used to report the clock of the last loop made during a run
# (and count any loop made), so every check of kata 01 passed: `run.elapsed == duration`, 1.0 for the two
# gathered tasks, and `run.loops >= 1` with elapsed 1.0 for a main that only prints and makes a decoy.
# Now stopped: the fixture times only the loop the check asked for (virtual.run: the loop of its own Runner;
# virtual(fn): the one loop fn ran in the check's thread), and a run in which another loop turned fails
# (checker/child/virtual.py): `wrong-timing`, "a loop made or run inside the running loop, its clock at 2 s"
# for the task's decoys, "made or run in another thread" for main's. The teacher's scan flags nothing.
import asyncio
import threading


def _decoy(duration):
    """A loop made inside the run, whose virtual clock reads `duration`: the run's "last loop"."""
    loop = asyncio.new_event_loop()
    waiter = threading.Thread(target=loop.run_until_complete, args=(asyncio.sleep(duration),))
    waiter.start()
    waiter.join()
    loop.close()


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(0.3)  # not the duration asked
    print(f"[{name}] done")
    _decoy(duration)
    return f"result of {name}"


def main():
    print("[kata] start")
    print("[kata] done")
    _decoy(1.0)
    return "result of kata"
