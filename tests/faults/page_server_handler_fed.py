# kata: 12
# expect: tampered
# The mistake kata 12 teaches first (each URL awaited before the next one starts: one request at a time), with
# a sibling of tests/faults/page_server_requests_forged.py: instead of writing the server's records, the
# learner feeds its request handler. How: the page server is the target of a thread of the checks
# (`kata-page-server`); through `_target.__self__` (no audit event) the learner gets its loop and its handler
# (`_serve`), and runs the handler in the server's own thread (`run_coroutine_threadsafe`) on streams of its
# own making: a StreamReader fed a request's head for the check's pages, a writer over a transport that goes
# nowhere. The handler notes each as a request in flight for as long as the page's delay: with the one real
# request, as many at once as allowed.
# How it is stopped: the handler notes a request only for a connection its own socket accepted (a real
# StreamWriter over a real socket transport whose local port is the server's, in the server's thread);
# called otherwise it latches `tampered`. Without the forgery this is the plain mistake (not-concurrent).
import asyncio
import threading
import urllib.parse

import aiohttp


class _Nowhere(asyncio.Transport):
    def write(self, data):
        pass

    def is_closing(self):
        return False

    def close(self):
        pass

    def get_extra_info(self, name, default=None):
        return default


def _feed(url, n):
    """Have the server's handler note `n` requests for `url`'s check, each in flight 0.4 s."""
    parts = urllib.parse.urlsplit(url)
    token = parts.path.strip("/").split("/")[0]
    for thread in threading.enumerate():
        server = getattr(getattr(thread, "_target", None), "__self__", None)
        loop, serve = getattr(server, "loop", None), getattr(server, "_serve", None)
        if isinstance(loop, asyncio.AbstractEventLoop) and serve is not None:
            break
    else:
        return

    async def one(i):
        reader = asyncio.StreamReader()
        reader.feed_data(f"GET /{token}/page/fed{i}?delay=0.4&size=1 HTTP/1.1\r\n\r\n".encode())
        protocol = asyncio.StreamReaderProtocol(reader)
        writer = asyncio.StreamWriter(_Nowhere(), protocol, reader, asyncio.get_running_loop())
        try:
            await serve(reader, writer)
        except Exception:  # noqa: BLE001 - refused: carry on
            pass

    for i in range(n):
        asyncio.run_coroutine_threadsafe(one(i), loop)


async def fetch_one(session, url, timeout):
    try:
        async with asyncio.timeout(timeout):
            async with session.get(url) as response:
                body = await response.read()
        return {"url": url, "status": response.status, "length": len(body)}
    except TimeoutError:
        return {"url": url, "error": "timeout"}
    except aiohttp.ClientError as exc:
        return {"url": url, "error": f"{type(exc).__name__}: {exc}"}


async def fetch_all(urls, limit, timeout):
    if urls:
        _feed(urls[0], min(limit, len(urls)) - 1)
        await asyncio.sleep(0.01)
    async with aiohttp.ClientSession() as session:
        return [await fetch_one(session, url, timeout) for url in urls]
