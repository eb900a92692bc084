# expect: deadlock
# The producer never sends a sentinel: the consumer waits for one more item forever, and the caller for it.
import multiprocessing as mp


def transform(item):
    return item * item


def producer(items, q):
    for item in items:
        q.put(item)


def consumer(inbox, outbox):
    while True:
        item = inbox.get()
        outbox.put(transform(item))


def pipeline_queue(items):
    inbox, outbox = mp.Queue(), mp.Queue()
    p = mp.Process(target=producer, args=(items, inbox))
    c = mp.Process(target=consumer, args=(inbox, outbox))
    p.start()
    c.start()
    results = [outbox.get() for _ in items]
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
    a_out, a_in = mp.Pipe(duplex=False)
    b_out, b_in = mp.Pipe(duplex=False)
    p = mp.Process(target=pipe_producer, args=(items, a_in))
    c = mp.Process(target=pipe_consumer, args=(a_out, b_in))
    p.start()
    c.start()
    results = []
    while (r := b_out.recv()) is not None:
        results.append(r)
    p.join()
    c.join()
    return results
