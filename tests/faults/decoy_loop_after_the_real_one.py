# kata: 01
# expect: wrong-timing
# A sibling of last_loop_is_a_decoy.py on the same thread and after the real loop: `task` is right, but main
# runs task("kata", 0) (so it prints and returns the right things at once) and then, once that loop is closed,
# a second asyncio.run of a 1 s sleep. Before, the fixture read the clock of the last loop made: 1.0 s, and
# every check passed. Timing the first loop instead would stop this file but not its mirror (the decoy run
# first, decoy_loop_before_the_real_one.py), and summing the loops would pass a main that splits the wait
# (task 0.25 s, then a 0.75 s decoy). Now stopped: virtual(fn) times the one loop fn runs, and a run with two
# loops run in turn fails with `wrong-timing` ("run before or after another one", checker/child/virtual.py).
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    result = asyncio.run(task("kata", 0))
    asyncio.run(asyncio.sleep(1.0))
    return result
