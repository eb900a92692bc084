# expect: wrong-order
# as_completed gives the results in the order the calls finish, not the order of the items.
import asyncio


async def fetch_all(blocking_fetch, items):
    results = []
    for next_done in asyncio.as_completed([asyncio.to_thread(blocking_fetch, item) for item in items]):
        results.append(await next_done)
    return results
