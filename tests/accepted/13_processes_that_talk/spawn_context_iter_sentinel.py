# Right way: an explicit spawn context, iter(get, None) loops, results collected the same way.
import multiprocessing

ctx = multiprocessing.get_context("spawn")


def transform(item):
    return item * item


def feed(items, q):
    for item in items:
        q.put(item)
    q.put(None)


def work(inbox, outbox):
    for item in iter(inbox.get, None):
        outbox.put(transform(item))
    outbox.put(None)


def pipeline_queue(items):
    inbox, outbox = ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=feed, args=(items, inbox)), ctx.Process(target=work, args=(inbox, outbox))]
    for p in procs:
        p.start()
    results = list(iter(outbox.get, None))
    for p in procs:
        p.join()
    return results


def feed_pipe(items, conn):
    for item in items:
        conn.send(item)
    conn.send(None)


def work_pipe(inbox, outbox):
    for item in iter(inbox.recv, None):
        outbox.send(transform(item))
    outbox.send(None)


def pipeline_pipe(items):
    a, b = ctx.Pipe()
    c, d = ctx.Pipe()
    procs = [ctx.Process(target=feed_pipe, args=(items, a)), ctx.Process(target=work_pipe, args=(b, c))]
    for p in procs:
        p.start()
    results = list(iter(d.recv, None))
    for p in procs:
        p.join()
    return results
