# expect: not-joined
# The results are read, then the function returns without join(): the finished processes stay zombies.
import multiprocessing


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


def pipeline_queue(items):
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    multiprocessing.Process(target=producer, args=(items, inbox)).start()
    multiprocessing.Process(target=consumer, args=(inbox, outbox)).start()
    results = []
    while (r := outbox.get()) is not None:
        results.append(r)
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
    multiprocessing.Process(target=pipe_producer, args=(items, a_in)).start()
    multiprocessing.Process(target=pipe_consumer, args=(a_out, b_in)).start()
    results = []
    while (r := b_out.recv()) is not None:
        results.append(r)
    return results
