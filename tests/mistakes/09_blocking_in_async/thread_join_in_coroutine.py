# expect: blocking-call
# Threads started by hand, then join() inside the coroutine: the loop waits, frozen, for them.
import asyncio
import threading


async def fetch_all(blocking_fetch, items):
    results = [None] * len(items)

    def work(index, item):
        results[index] = blocking_fetch(item)

    threads = [threading.Thread(target=work, args=(i, item)) for i, item in enumerate(items)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
