# kata: 01
# expect: wrong-timing
# A sibling of last_loop_is_a_decoy.py with no thread: asyncio refuses to run a loop while another runs in
# the same thread, but it asks only its own "running loop" variable, which `task` unsets by hand
# (asyncio.events._set_running_loop(None)) to run a decoy loop that sleeps `duration` inside the real one,
# then puts it back. The decoy is the run's last loop, made in the check's thread: before, its clock was read
# as the run's time and every check passed (main is right: it runs task with asyncio.run, whose decoy is
# last too). Now stopped: a loop made or run while another loop of the run is running in the same thread is
# never timed, and fails the run with `wrong-timing` ("made or run inside the running loop",
# checker/child/virtual.py); the fixture asks whether its loops are running, not asyncio's variable.
import asyncio


def _decoy(duration):
    running = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    try:
        loop = asyncio.new_event_loop()
        loop.run_until_complete(asyncio.sleep(duration))
        loop.close()
    finally:
        asyncio.events._set_running_loop(running)


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(0.3)
    print(f"[{name}] done")
    _decoy(duration)
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
