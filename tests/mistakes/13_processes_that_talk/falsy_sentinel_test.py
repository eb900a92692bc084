# expect: wrong-result
# `while item := q.get()` stops at the item 0 as if it were the sentinel None.
import multiprocessing


def transform(item):
    return item * item


def producer(items, queue):
    for item in items:
        queue.put(item)
    queue.put(None)


def consumer(inbox, outbox):
    while item := inbox.get():
        outbox.put(transform(item))
    outbox.put(None)


def pipeline_queue(items):
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    workers = [multiprocessing.Process(target=producer, args=(items, inbox)),
               multiprocessing.Process(target=consumer, args=(inbox, outbox))]
    for w in workers:
        w.start()
    results = []
    while True:
        r = outbox.get()
        if r is None:
            break
        results.append(r)
    for w in workers:
        w.join()
    return results


def pipe_producer(items, conn):
    for item in items:
        conn.send(item)
    conn.send(None)


def pipe_consumer(inbox, outbox):
    while True:
        item = inbox.recv()
        if not item:
            break
        outbox.send(transform(item))
    outbox.send(None)


def pipeline_pipe(items):
    a_out, a_in = multiprocessing.Pipe(duplex=False)
    b_out, b_in = multiprocessing.Pipe(duplex=False)
    workers = [multiprocessing.Process(target=pipe_producer, args=(items, a_in)),
               multiprocessing.Process(target=pipe_consumer, args=(a_out, b_in))]
    for w in workers:
        w.start()
    results = []
    while (r := b_out.recv()) is not None:
        results.append(r)
    for w in workers:
        w.join()
    return results
