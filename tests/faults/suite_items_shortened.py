# kata: 09
# expect: not-concurrent
# The mistake to_thread_one_by_one (`await asyncio.to_thread(...)` inside a for loop: one call at a time)
# passed kata 09 whole, 7/7, by shortening the suite's own data at import: the suite's module is in
# sys.modules, and its ITEMS (the four items of the judged run) was a list, so `del ITEMS[1:]` left one item,
# whose one call is "all of them in flight at once". The detached checks read the suite's globals through a
# private copy, but a copy of the dict, not of the list in it; no audit event, and the guard compares names,
# not contents.
# How it is stopped: the suite's data are tuples (ITEMS, FINISH_AFTER; kata 02's CASES is a mapping proxy of
# tuples): not-concurrent, as the mistake gets.
import asyncio
import sys

for _name, _module in list(sys.modules.items()):
    _items = getattr(_module, "ITEMS", None)
    if _name.endswith("test_blocking_in_async") and type(_items) is list:
        del _items[1:]  # one item: one call at a time is "all of them at once"


async def fetch_all(blocking_fetch, items):
    return [await asyncio.to_thread(blocking_fetch, item) for item in items]  # one after another
