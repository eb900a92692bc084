# expect: blocking-call
# Hands the calls to threads, then "gives them time" with time.sleep: that sleep freezes the event loop itself
# (the tasks cannot even start meanwhile), and a sleep long enough on one machine is too short on another.
import asyncio
import time


async def fetch_all(blocking_fetch, items):
    tasks = [asyncio.create_task(asyncio.to_thread(blocking_fetch, item)) for item in items]
    time.sleep(0.05 * len(items))  # long enough for the calls to finish
    return [await task for task in tasks]
