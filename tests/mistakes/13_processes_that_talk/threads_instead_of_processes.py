# expect: not-in-processes
# Threads and queue.Queue: the right results, but all the work stays in the calling process.
import queue
import threading


def transform(item):
    return item * item


def producer(items, q):
    for item in items:
        q.put(item)
    q.put(None)


def consumer(inbox, outbox):
    while (item := inbox.get()) is not None:
        outbox.put(transform(item))
    outbox.put(None)


def _pipeline(items):
    inbox, outbox = queue.Queue(), queue.Queue()
    workers = [threading.Thread(target=producer, args=(items, inbox)),
               threading.Thread(target=consumer, args=(inbox, outbox))]
    for w in workers:
        w.start()
    results = []
    while (r := outbox.get()) is not None:
        results.append(r)
    for w in workers:
        w.join()
    return results


def pipeline_queue(items):
    return _pipeline(items)


def pipeline_pipe(items):
    return _pipeline(items)
