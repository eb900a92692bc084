# expect: spawn-unsafe
# Queues created at import time: shared with fork, but each spawned process imports its own, different ones.
import multiprocessing

INBOX = multiprocessing.Queue()
OUTBOX = multiprocessing.Queue()


def transform(item):
    return item * item


def producer(items):
    for item in items:
        INBOX.put(item)
    INBOX.put(None)


def consumer():
    while (item := INBOX.get()) is not None:
        OUTBOX.put(transform(item))
    OUTBOX.put(None)


def pipeline_queue(items):
    p = multiprocessing.Process(target=producer, args=(items,))
    c = multiprocessing.Process(target=consumer)
    p.start()
    c.start()
    results = []
    while (r := OUTBOX.get()) is not None:
        results.append(r)
    p.join()
    c.join()
    return results


def pipe_producer(items, conn):
    for item in items:
        conn.send(item)
    conn.send(None)


def pipe_consumer(inbox, outbox):
    while (item := inbox.recv()) is not None:
        outbox.send(transform(item))
    outbox.send(None)


def pipeline_pipe(items):
    a_out, a_in = multiprocessing.Pipe(duplex=False)
    b_out, b_in = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=pipe_producer, args=(items, a_in))
    c = multiprocessing.Process(target=pipe_consumer, args=(a_out, b_in))
    p.start()
    c.start()
    results = []
    while (r := b_out.recv()) is not None:
        results.append(r)
    p.join()
    c.join()
    return results
