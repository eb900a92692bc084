# expect: spawn-unsafe
# A fork context fixed in the code: it never runs under spawn (and fork does not exist on Windows).
import multiprocessing

ctx = multiprocessing.get_context("fork")


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
    inbox, outbox = ctx.Queue(), ctx.Queue()
    p = ctx.Process(target=producer, args=(items, inbox))
    c = ctx.Process(target=consumer, args=(inbox, outbox))
    p.start()
    c.start()
    results = []
    while (r := outbox.get()) is not None:
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
    a_out, a_in = ctx.Pipe(duplex=False)
    b_out, b_in = ctx.Pipe(duplex=False)
    p = ctx.Process(target=pipe_producer, args=(items, a_in))
    c = ctx.Process(target=pipe_consumer, args=(a_out, b_in))
    p.start()
    c.start()
    results = []
    while (r := b_out.recv()) is not None:
        results.append(r)
    p.join()
    c.join()
    return results
