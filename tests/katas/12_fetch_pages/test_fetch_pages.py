"""Hidden suite of kata 12 — fetch pages, a few at a time.

The suite starts a small HTTP server on 127.0.0.1 (a thread with its own event loop; nothing else is
contacted). Each check gets its own path prefix on it, so that a request left over from an earlier check
never counts. Its pages answer after a delay given in the URL; one path answers 404; one never answers
(it holds the connection until the client gives up); one URL points at a port where nothing listens.

fetch_all runs for real (aiohttp on a real loop, real sockets), so no check uses an absolute duration:
- how many requests ran at once is counted by the server (a request is in flight from the moment its
  headers have arrived to the moment its answer is written — or the client hangs up). The server counts a
  request out before it writes the answer, so a client that waits for an answer before sending the next
  request can never be seen over its limit;
- a timeout is judged by which pages time out: a page that answers after 0.6 s must time out with
  timeout=0.3, and pages that answer after 0.1 s must not (the slack is for a busy machine);
- a fetch_all that never returns (no timeout at all) is stopped by the suite's own deadline, well before the
  check's time limit.
"""

import asyncio
import socket
import threading
import time
import urllib.parse

import aiohttp
import pytest
from asyncio.selector_events import _SelectorSocketTransport as SOCKET_TRANSPORT

from checker.child.kit_ledger import Ledger
from checker.child.kit_verdicts import tampered
from checker.child.testkit import (Span, await_with_deadline, coroutine_function_check, expect, fail, learner_line,
                                   number, same, seconds, show, shown)

DEADLINE_S = 2.5  # the suite's own limit on one call of fetch_all; the pages of every check answer within 0.6 s
HANG_CAP_S = 10.0  # the never-answering page hangs up by itself after this, whatever the client does
NOT_FOUND = b"no such page\n"


def body_of(size):
    return (b"kata page " * (size // 10 + 1))[:size]


# --- the server ---------------------------------------------------------------------------------------


class Url(str):
    """A URL of one check, with what the server will do with it (the learner gets plain str copies)."""

    kind: str
    name: str
    delay: float | None
    size: int

    @classmethod
    def make(cls, text, kind, name, delay=None, size=0):
        url = cls(text)
        url.kind, url.name, url.delay, url.size = kind, name, delay, size
        return url

    def label(self, lang):
        if self.kind == "page":
            return (f"page {self.name} ({seconds(self.delay, lang)}, {self.size} "
                    + ("octets)" if lang == "fr" else "bytes)"))
        if self.kind == "missing":
            return f"{self.name} (404)"
        if self.kind == "hang":
            return f"{self.name} (" + ("ne répond jamais)" if lang == "fr" else "never answers)")
        return f"{self.name} (" + ("connexion refusée)" if lang == "fr" else "connection refused)")


class Run(tuple):
    """What the server saw of one check's requests: (the server, the check's token, a Ledger). Each request is
    a Span (name, args (kind,), start and end in perf_counter time, outcome "answered" or "abandoned": the
    client hung up first), written only by the server's request handler (through `arrive` and `leave`, in
    the Ledger, checker/child/kit_ledger.py): learner code that finds the server (it is the target of a thread)
    can read what it saw, not write it. Only pages and 404s count toward the limit: the never-answering URL
    holds its connection on purpose."""

    __slots__ = ()

    def __new__(cls, server: "PageServer", token: str) -> "Run":
        return tuple.__new__(cls, (server, token, Ledger(*REQUEST_WRITERS)))

    server = property(lambda self: self[0])
    token = property(lambda self: self[1])

    # URLs of this check
    def _url(self, kind, name, query=""):
        return f"http://127.0.0.1:{self.server.port}/{self.token}/{kind}/{name}" + (f"?{query}" if query else "")

    def page(self, name, delay, size=100):
        return Url.make(self._url("page", name, f"delay={delay}&size={size}"), "page", name, delay, size)

    def missing(self, name="missing"):
        return Url.make(self._url("missing", name, "delay=0.02"), "missing", name, 0.02, len(NOT_FOUND))

    def hang(self, name="hang"):
        return Url.make(self._url("hang", name), "hang", name)

    def refused(self, name="refused"):
        text = f"http://127.0.0.1:{self.server.refused_port}/{self.token}/{name}"
        return Url.make(text, "refused", name)

    # called by the server's request handler, in its thread
    def arrive(self, name, kind) -> int:
        span = Span(name, (kind,), {}, threading.current_thread(), time.perf_counter())
        return self[2].write(("append", "requests", span), ("add", "in flight", 0 if kind == "hang" else 1))[0]

    def leave(self, index, outcome) -> None:
        ledger = self[2]
        with ledger.lock:
            span = ledger.read("requests")[index]
            ledger.write(("replace", "requests", (index, span._replace(end=time.perf_counter(), outcome=outcome))),
                         ("add", "in flight", 0 if span.args[0] == "hang" else -1))

    # called by the checks
    @property
    def peak(self):
        return self[2].peak("in flight")

    def requests(self):
        return sorted(self[2].read("requests", ()), key=lambda span: span.start)

    def hangs(self):
        return [span for span in self.requests() if span.args[0] == "hang"]

    def draw(self, timeline):
        timeline.clock = "wall"
        now = time.perf_counter()
        for s in self.requests()[:60]:
            timeline.add(s.name, s.start, s.end if s.end is not None else now)


class PageServer(tuple):
    """The checks' page server: (its loop, its listening socket, its port, a socket bound to a port where
    nothing listens and that port, a Ledger). Its thread's target is a method of this tuple, so learner code
    can find it: nothing in it can be rebound, and its records (the thread, the runs by token, their count) are
    in the Ledger, written only by its own methods."""

    __slots__ = ()

    def __new__(cls) -> "PageServer":
        listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listening.bind(("127.0.0.1", 0))
        listening.listen(128)
        # A port where nothing listens: the socket is bound but never listens, so connecting is refused at once.
        closed = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        closed.bind(("127.0.0.1", 0))
        self = tuple.__new__(cls, (asyncio.new_event_loop(), listening, listening.getsockname()[1], closed,
                                   closed.getsockname()[1], Ledger(PageServer.__new__, PageServer.new_run),
                                   threading.Event()))
        thread = threading.Thread(target=self._main, name="kata-page-server", daemon=True)
        self[5].write(("put", "thread", thread))
        thread.start()
        if not self[6].wait(10):
            raise RuntimeError("the checks' page server did not start")
        return self

    loop = property(lambda self: self[0])
    port = property(lambda self: self[2])
    refused_port = property(lambda self: self[4])
    thread = property(lambda self: self[5].read("thread"))

    def _main(self):
        asyncio.set_event_loop(self.loop)
        try:
            server = self.loop.run_until_complete(asyncio.start_server(self._serve, sock=self[1]))
        finally:
            self[6].set()
        try:
            self.loop.run_forever()
        finally:  # stopped: end the handlers still open (the never-answering page), then close
            tasks = asyncio.all_tasks(self.loop)
            for task in tasks:
                task.cancel()
            self.loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            server.close()
            self.loop.close()

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(2)
        self[3].close()

    def new_run(self):
        count = self[5].write(("add", "count", 1))[0]
        run = Run(self, f"c{count}")
        self[5].write(("put", f"run {run.token}", run))
        return run

    def _accepted(self, writer) -> bool:
        """The streams are those of a connection the server's socket accepted, in the server's thread (not a
        pair made by other code to have the handler note a request that never came)."""
        transport = writer.transport if type(writer) is asyncio.StreamWriter else None
        sock = transport.get_extra_info("socket") if type(transport) is SOCKET_TRANSPORT else None
        return (sock is not None and sock.getsockname()[1] == self.port
                and threading.current_thread() is self.thread)

    async def _serve(self, reader, writer):
        if not self._accepted(writer):
            raise tampered("the page server's request handler, called with streams it did not accept")
        try:
            try:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
                target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode("latin-1")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError,
                    IndexError):
                return
            parts = urllib.parse.urlsplit(target)
            query = dict(urllib.parse.parse_qsl(parts.query))
            segments = parts.path.strip("/").split("/")
            run = self[5].read(f"run {segments[0]}") if len(segments) == 3 else None
            if run is None or segments[1] not in ("page", "missing", "hang"):
                writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            kind, name = segments[1], segments[2]
            delay = None if kind == "hang" else float(query.get("delay", "0"))
            seen = run.arrive(name, kind)  # the request's index in the run's records
            outcome = "abandoned"
            gone = asyncio.ensure_future(reader.read(1))  # ends when the client hangs up
            try:
                if delay is None:
                    await asyncio.wait({gone}, timeout=HANG_CAP_S)
                else:
                    wait = asyncio.ensure_future(asyncio.sleep(delay))
                    done, _ = await asyncio.wait({gone, wait}, return_when=asyncio.FIRST_COMPLETED)
                    wait.cancel()
                    if gone not in done:
                        outcome = "answered"
            finally:
                gone.cancel()
                run.leave(seen, outcome)  # counted out before the answer is written: see the module docstring
            if outcome == "answered":
                status, body = ("404 Not Found", NOT_FOUND) if kind == "missing" else \
                    ("200 OK", body_of(int(query.get("size", "0"))))
                writer.write(f"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n"
                             f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()


REQUEST_WRITERS = ((Run.arrive, PageServer._serve), (Run.leave, PageServer._serve))  # the only writers of a
# run's requests: the server's request handler


@pytest.fixture(scope="module")
def server():
    pages = PageServer()
    yield pages
    pages.stop()


# --- calling fetch_all --------------------------------------------------------------------------------


def call_text(urls, limit, timeout, lang):
    labels = ", ".join(url.label(lang) for url in urls[:8]) + (", ..." if len(urls) > 8 else "")
    return f"fetch_all([{labels}], limit={limit}, timeout={number(timeout, lang)})"


def fetch(learner, run, urls, limit, timeout):
    """fetch_all(urls, limit, timeout) for real, stopped by the suite's deadline: its Outcome (`value`,
    `elapsed`); a request's failure that escapes is a `crash` verdict, the learner's other exceptions are
    raised again."""

    async def scenario():
        return await await_with_deadline(learner.fetch_all([str(url) for url in urls], limit, timeout), DEADLINE_S)

    en, fr = call_text(urls, limit, timeout, "en"), call_text(urls, limit, timeout, "fr")
    outcome = asyncio.run(scenario())
    exc = outcome.error
    if isinstance(exc, (aiohttp.ClientError, TimeoutError, OSError)):  # a request's failure that escaped
        kinds = {url.kind for url in urls}
        what = f"{type(exc).__name__}: {str(exc)[:160]}" if str(exc) else type(exc).__name__
        where = learner_line(exc, learner)
        where = f" ({where})" if where else ""
        fail("crash",
             en=f"{en} raised {what}{where}. Expected: a list with one entry per URL, and no exception: "
                + ("a URL that never answers must become {\"url\": ..., \"error\": \"timeout\"}; "
                   if "hang" in kinds else "")
                + ("a refused connection must become {\"url\": ..., \"error\": \"...\"}; " if "refused" in kinds
                   else "")
                + "catch the failure of each request where that request is made (try/except around it, for "
                  "TimeoutError and aiohttp.ClientError), so that one bad URL does not take the others down "
                  "with it — with asyncio.gather, the first exception that escapes a task is raised by gather "
                  "itself.",
             fr=f"{fr} a levé {what}{where}. Attendu : une liste avec une entrée par URL, et aucune exception : "
                + ("une URL qui ne répond jamais doit donner {\"url\": ..., \"error\": \"timeout\"} ; "
                   if "hang" in kinds else "")
                + ("une connexion refusée doit donner {\"url\": ..., \"error\": \"...\"} ; " if "refused" in kinds
                   else "")
                + "attrapez l'échec de chaque requête là où elle est faite (try/except autour, pour TimeoutError "
                  "et aiohttp.ClientError), pour qu'une mauvaise URL n'emporte pas les autres — avec "
                  "asyncio.gather, la première exception qui sort d'une tâche est levée par gather lui-même.")
    if outcome.hung:
        never_returned(run, urls, timeout, en, fr)
    outcome.result()  # any other exception of the learner's code, raised again
    return outcome


def never_returned(run, urls, timeout, en, fr):
    # The deadline cancelled fetch_all, which may have closed its connections since: a request to the
    # never-answering URL that stayed open for most of the deadline is the one that held it.
    now = time.perf_counter()
    hung = [s for s in run.hangs() if (s.end or now) - s.start > DEADLINE_S / 2]
    if hung:
        fail("wrong-timing",
             en=f"{en} was still waiting after {seconds(DEADLINE_S)}, with timeout={number(timeout)}: the "
                f"request to the URL that never answers was still open — nothing gave it up. Without a timeout "
                "of your own, aiohttp waits up to 5 minutes, and one dead server holds the whole batch. Give "
                "each request at most `timeout` seconds: wrap it in `async with asyncio.timeout(timeout):`, "
                "or pass `timeout=aiohttp.ClientTimeout(total=timeout)` to session.get, and report the "
                'TimeoutError as {"url": url, "error": "timeout"}.',
             fr=f"{fr} attendait encore après {seconds(DEADLINE_S, 'fr')}, avec timeout="
                f"{number(timeout, 'fr')} : la requête vers l'URL qui ne répond jamais était toujours ouverte — "
                "rien ne l'a abandonnée. Sans délai de votre part, aiohttp attend jusqu'à 5 minutes, et un seul "
                "serveur mort bloque tout le lot. Donnez à chaque requête au plus `timeout` secondes : "
                "entourez-la de `async with asyncio.timeout(timeout):`, ou passez "
                "`timeout=aiohttp.ClientTimeout(total=timeout)` à session.get, et rapportez la TimeoutError "
                'sous la forme {"url": url, "error": "timeout"}.')
    fail("wrong-timing",
         en=f"{en} was still waiting after {seconds(DEADLINE_S)}, although every page of this check answers "
            "within 0.6 s. It waits for something that never comes: a slot of the semaphore that is never "
            "released (release it with `async with semaphore:`), or a task that nobody finishes.",
         fr=f"{fr} attendait encore après {seconds(DEADLINE_S, 'fr')}, alors que chaque page de cette "
            "vérification répond en moins de 0,6 s. Elle attend quelque chose qui n'arrive jamais : une place "
            "du sémaphore jamais relâchée (relâchez-la avec `async with semaphore:`), ou une tâche que personne "
            "ne termine.")


# --- comparing the entries ----------------------------------------------------------------------------

ANY_ERROR = "any error"


def expected_entry(url, timeout):
    if url.kind == "page":
        return {"url": str(url), "status": 200, "length": url.size} if url.delay < timeout else \
            {"url": str(url), "error": "timeout"}
    if url.kind == "missing":
        return {"url": str(url), "status": 404, "length": len(NOT_FOUND)}
    if url.kind == "hang":
        return {"url": str(url), "error": "timeout"}
    return ANY_ERROR


def check_entries(result, urls, timeout, en, fr):
    n = len(urls)
    if type(result) is not list or len(result) != n:
        fail("wrong-result",
             en=f"{en} returned {shown(result)}; expected a list of {n} dicts, one per URL, in the order of the "
                "URLs.",
             fr=f"{fr} a renvoyé {shown(result)} ; attendu une liste de {n} dicts, un par URL, dans l'ordre des "
                "URL.")
    got_urls = [entry.get("url") if type(entry) is dict else None for entry in result]
    wanted = [str(url) for url in urls]
    if got_urls != wanted and sorted(map(str, got_urls)) == sorted(wanted):
        order = ", ".join(next(u.name for u in urls if str(u) == g) for g in got_urls)
        fail("wrong-order",
             en=f"{en} returned its entries in the order {order}; expected the order of the URLs: "
                f"{', '.join(u.name for u in urls)}. These are the right URLs in the order they finished (the "
                "fastest first?). asyncio.gather gives its results in the order of its arguments; with "
                "as_completed, put each entry back at its URL's index.",
             fr=f"{fr} a renvoyé ses entrées dans l'ordre {order} ; attendu l'ordre des URL : "
                f"{', '.join(u.name for u in urls)}. Ce sont les bonnes URL, dans l'ordre où elles ont fini (la "
                "plus rapide d'abord ?). asyncio.gather renvoie ses résultats dans l'ordre de ses arguments ; "
                "avec as_completed, remettez chaque entrée à l'indice de son URL.")
    for index, (url, entry) in enumerate(zip(urls, result)):
        check_entry(index, url, entry, timeout, en, fr)


def check_entry(index, url, entry, timeout, en, fr):
    expected = expected_entry(url, timeout)
    got = show(entry)
    head_en = f"{en}: entry {index} (for {url.label('en')}) is {got}"
    head_fr = f"{fr} : l'entrée {index} (pour {url.label('fr')}) est {got}"
    if expected is ANY_ERROR:
        ok = (type(entry) is dict and set(entry) == {"url", "error"} and same(entry["url"], str(url))
              and type(entry["error"]) is str and entry["error"].strip() != "")
        expect(ok, "wrong-result",
               en=f"{head_en}; expected {{\"url\": {show(str(url))}, \"error\": <a short description>}}. Nothing "
                  "listens on that port: the connection is refused, aiohttp raises ClientConnectorError (an "
                  "aiohttp.ClientError). Report it for this URL with a non-empty description, such as "
                  "f\"{type(exc).__name__}: {exc}\".",
               fr=f"{head_fr} ; attendu {{\"url\": {show(str(url))}, \"error\": <une courte description>}}. Rien "
                  "n'écoute sur ce port : la connexion est refusée, aiohttp lève ClientConnectorError (une "
                  "aiohttp.ClientError). Rapportez-la pour cette URL avec une description non vide, comme "
                  "f\"{type(exc).__name__}: {exc}\".")
        return
    if same(entry, expected):
        return
    error = entry.get("error") if type(entry) is dict else None
    status = entry.get("status") if type(entry) is dict else None
    if "status" in expected and url.kind == "missing" and error is not None:
        fail("wrong-result",
             en=f"{head_en}; expected {show(expected)}. A 404 is an answer: the server replied, with status 404 "
                "and a body. Report its status and the length of its body like any other page; "
                "`response.raise_for_status()` (or `raise_for_status=True`) turns it into an exception instead.",
             fr=f"{head_fr} ; attendu {show(expected)}. Un 404 est une réponse : le serveur a répondu, avec le "
                "statut 404 et un corps. Rapportez son statut et la longueur de son corps comme pour toute autre "
                "page ; `response.raise_for_status()` (ou `raise_for_status=True`) en fait une exception.")
    if "status" in expected and error == "timeout":
        fail("wrong-result",
             en=f"{head_en}; expected {show(expected)}. This page answers after {seconds(url.delay)}, well "
                f"within timeout={seconds(timeout)}, yet it was reported as a timeout. Does your timeout also "
                "count the time spent waiting for a slot? Take the slot first (`async with semaphore:`), then "
                "start the timer for the request only.",
             fr=f"{head_fr} ; attendu {show(expected)}. Cette page répond après {seconds(url.delay, 'fr')}, "
                f"bien avant timeout={seconds(timeout, 'fr')}, et pourtant elle a été rapportée en timeout. "
                "Votre délai compte-t-il aussi l'attente d'une place ? Prenez d'abord la place "
                "(`async with semaphore:`), puis lancez le chronomètre pour la requête seule.")
    if expected.get("error") == "timeout" and status is not None:
        fail("wrong-result",
             en=f"{head_en}; expected {show(expected)}. This page answers only after {seconds(url.delay)}, more "
                f"than timeout={seconds(timeout)}: the request must be given up after `timeout` seconds. Use "
                "the `timeout` argument itself, not a fixed number.",
             fr=f"{head_fr} ; attendu {show(expected)}. Cette page ne répond qu'après {seconds(url.delay, 'fr')}, "
                f"plus que timeout={seconds(timeout, 'fr')} : la requête doit être abandonnée après "
                "`timeout` secondes. Utilisez l'argument `timeout` lui-même, pas un nombre fixe.")
    if expected.get("error") == "timeout" and error is not None:
        fail("wrong-result",
             en=f"{head_en}; expected {show(expected)}. When a request runs out of time, its entry is exactly "
                '{"url": url, "error": "timeout"} (TimeoutError has an empty message, so build this text '
                "yourself).",
             fr=f"{head_fr} ; attendu {show(expected)}. Quand une requête n'a plus de temps, son entrée est "
                'exactement {"url": url, "error": "timeout"} (TimeoutError a un message vide : écrivez ce texte '
                "vous-même).")
    fail("wrong-result",
         en=f"{head_en}; expected {show(expected)}: a dict with exactly these keys — \"url\" (the URL as given), "
            "\"status\" (int, response.status) and \"length\" (int, the number of bytes of the body: "
            "len(await response.read())).",
         fr=f"{head_fr} ; attendu {show(expected)} : un dict avec exactement ces clés — \"url\" (l'URL telle que "
            "donnée), \"status\" (int, response.status) et \"length\" (int, le nombre d'octets du corps : "
            "len(await response.read())).")


# --- the checks ---------------------------------------------------------------------------------------


test_fetch_all_is_a_coroutine_function = coroutine_function_check("fetch_all")


@pytest.mark.needs("test_fetch_all_is_a_coroutine_function")
def test_three_pages(learner, server):
    """fetch_all downloads three pages and reports their status and length
    fr: fetch_all télécharge trois pages et rapporte leur statut et leur longueur"""
    run = server.new_run()
    urls = [run.page("a", 0.05, 120), run.page("b", 0.05, 2000), run.page("c", 0.05, 0)]
    outcome = fetch(learner, run, urls, 3, 2.0)
    check_entries(outcome.value, urls, 2.0, call_text(urls, 3, 2.0, "en"), call_text(urls, 3, 2.0, "fr"))


NEEDS_BASIC = pytest.mark.needs("test_three_pages")


@NEEDS_BASIC
def test_entries_come_in_the_order_of_the_urls(learner, server):
    """the entries come in the order of the URLs, not the order the pages answered
    fr: les entrées viennent dans l'ordre des URL, pas dans l'ordre des réponses"""
    run = server.new_run()
    urls = [run.page("slow", 0.15, 300), run.page("fast", 0.02, 200), run.page("medium", 0.08, 100)]
    outcome = fetch(learner, run, urls, 3, 2.0)
    check_entries(outcome.value, urls, 2.0, call_text(urls, 3, 2.0, "en"), call_text(urls, 3, 2.0, "fr"))


@NEEDS_BASIC
def test_no_urls(learner, server):
    """fetch_all([]) returns []
    fr: fetch_all([]) renvoie []"""
    run = server.new_run()
    outcome = fetch(learner, run, [], 3, 1.0)
    expect(same(outcome.value, []), "wrong-result",
           en=f"fetch_all([], limit=3, timeout=1.0) returned {shown(outcome.value)}; expected [], no URL, no entry.",
           fr=f"fetch_all([], limit=3, timeout=1.0) a renvoyé {shown(outcome.value)} ; attendu [] : aucune URL, "
              "aucune entrée.")


@NEEDS_BASIC
def test_not_found_is_an_answer(learner, server):
    """a 404 page is reported with its status, like any answer
    fr: une page 404 est rapportée avec son statut, comme toute réponse"""
    run = server.new_run()
    urls = [run.page("a", 0.02, 50), run.missing("missing"), run.page("b", 0.02, 70)]
    outcome = fetch(learner, run, urls, 3, 2.0)
    check_entries(outcome.value, urls, 2.0, call_text(urls, 3, 2.0, "en"), call_text(urls, 3, 2.0, "fr"))


@NEEDS_BASIC
def test_refused_connection_is_reported_not_raised(learner, server):
    """a refused connection becomes an error entry; the other URLs are still fetched
    fr: une connexion refusée devient une entrée d'erreur ; les autres URL sont quand même téléchargées"""
    run = server.new_run()
    urls = [run.page("a", 0.02, 50), run.refused("refused"), run.page("b", 0.05, 70)]
    outcome = fetch(learner, run, urls, 3, 2.0)
    check_entries(outcome.value, urls, 2.0, call_text(urls, 3, 2.0, "en"), call_text(urls, 3, 2.0, "fr"))


@NEEDS_BASIC
def test_each_request_gives_up_after_timeout(learner, server, timeline):
    """a page that does not answer within `timeout` is reported as "timeout", and the others still come
    fr: une page qui ne répond pas en `timeout` secondes est rapportée en "timeout", et les autres arrivent quand même"""
    run = server.new_run()
    timeout = 0.3
    urls = [run.page("a", 0.05, 80), run.hang("hang"), run.page("slow", 0.6, 90), run.missing("missing"),
            run.page("b", 0.05, 60)]
    try:
        outcome = fetch(learner, run, urls, 5, timeout)
    finally:
        run.draw(timeline)
    check_entries(outcome.value, urls, timeout, call_text(urls, 5, timeout, "en"), call_text(urls, 5, timeout, "fr"))


@NEEDS_BASIC
def test_timeout_counts_from_the_request_not_the_wait_for_a_slot(learner, server, timeline):
    """the timeout counts from when the request has its slot, not from the start
    fr: le délai compte à partir du moment où la requête a sa place, pas depuis le début"""
    run = server.new_run()
    timeout = 0.25
    # One at a time: page 3 waits 0.2 s for its slot, then answers in 0.1 s — 0.3 s from the start.
    urls = [run.page(f"p{i}", 0.1, 40 + i) for i in range(1, 5)]
    try:
        outcome = fetch(learner, run, urls, 1, timeout)
    finally:
        run.draw(timeline)
    check_entries(outcome.value, urls, timeout, call_text(urls, 1, timeout, "en"), call_text(urls, 1, timeout, "fr"))


LIMIT_CASES = {  # limit, number of pages, delay of each page
    "limit=1, n=3": (1, 3, 0.1),
    "limit=3, n=6": (3, 6, 0.15),
    "limit=4, n=2": (4, 2, 0.15),
}


@NEEDS_BASIC
@pytest.mark.parametrize("case", list(LIMIT_CASES))
def test_at_most_limit_requests_at_once(learner, server, timeline, case):
    """at most `limit` requests at once at the server — and as many as allowed
    fr: au plus `limit` requêtes à la fois sur le serveur — et autant que permis"""
    limit, n, delay = LIMIT_CASES[case]
    run = server.new_run()
    urls = [run.page(f"p{i}", delay, 30 + i) for i in range(1, n + 1)]
    try:
        outcome = fetch(learner, run, urls, limit, 2.0)
    finally:
        run.draw(timeline)
    en, fr = call_text(urls, limit, 2.0, "en"), call_text(urls, limit, 2.0, "fr")
    check_entries(outcome.value, urls, 2.0, en, fr)
    peak, wanted = run.peak, min(limit, n)
    ratio = outcome.elapsed / (n * delay)
    expect(peak <= limit, "over-limit",
           en=f"{en}: the server had up to {peak} of your requests in flight at the same time; expected at most "
              f"{limit}. Without a limit, a thousand URLs mean a thousand connections at once — the server may "
              "refuse or ban you, and your machine runs out of sockets. Share one `asyncio.Semaphore(limit)` "
              "between all the requests and hold it for the whole request (`async with semaphore:` around "
              "session.get and the reading of the body). A semaphore created inside the function that fetches "
              "one URL limits nothing: each request gets its own.",
           fr=f"{fr} : le serveur a eu jusqu'à {peak} de vos requêtes en cours en même temps ; attendu au plus "
              f"{limit}. Sans limite, mille URL font mille connexions à la fois — le serveur peut refuser ou vous "
              "bannir, et votre machine manque de sockets. Partagez un seul `asyncio.Semaphore(limit)` entre "
              "toutes les requêtes et gardez-le pendant toute la requête (`async with semaphore:` autour de "
              "session.get et de la lecture du corps). Un sémaphore créé dans la fonction qui télécharge une URL "
              "ne limite rien : chaque requête a le sien.")
    expect(peak >= wanted, "not-concurrent",
           en=f"{en}: the server never had more than {peak} of your requests in flight at once; expected "
              f"{wanted}. The {n} pages of {seconds(delay)} took {seconds(outcome.elapsed)}, "
              f"{number(ratio, places=1)} × the sum of their delays "
              + ("— one after another: each `await session.get(...)` waited for the previous one (or a blocking "
                 "library such as requests or urllib held the event loop). " if peak == 1 else "— in small batches. ")
              + f"Start a task per URL (asyncio.gather) and let the semaphore let {limit} through at once.",
           fr=f"{fr} : le serveur n'a jamais eu plus de {peak} de vos requêtes en cours à la fois ; attendu "
              f"{wanted}. Les {n} pages de {seconds(delay, 'fr')} ont pris {seconds(outcome.elapsed, 'fr')}, "
              f"{number(ratio, 'fr', 1)} × la somme de leurs délais "
              + ("— l'une après l'autre : chaque `await session.get(...)` a attendu la précédente (ou une "
                 "bibliothèque bloquante comme requests ou urllib a tenu la boucle). " if peak == 1 else
                 "— par petits lots. ")
              + f"Lancez une tâche par URL (asyncio.gather) et laissez le sémaphore en laisser passer {limit} à la "
                "fois.")


@NEEDS_BASIC
def test_a_free_slot_is_used_at_once(learner, server, timeline):
    """when a request ends, the next one starts at once (no batches)
    fr: quand une requête finit, la suivante part aussitôt (pas de lots)"""
    run = server.new_run()
    urls = [run.page("long", 0.5, 500)] + [run.page(f"s{i}", 0.03, 20 + i) for i in range(1, 7)]
    try:
        outcome = fetch(learner, run, urls, 2, 2.0)
    finally:
        run.draw(timeline)
    en, fr = call_text(urls, 2, 2.0, "en"), call_text(urls, 2, 2.0, "fr")
    check_entries(outcome.value, urls, 2.0, en, fr)
    # Whatever order the requests take their slots in, each time one ends while URLs are still waiting, the
    # next request should reach the server a moment later (the client's turnaround: a few milliseconds).
    # In batches, a short page's slot stays idle until the long page of its batch has ended too.
    seen = run.requests()
    arrivals = sorted(s.start for s in seen)
    worst, after = 0.0, None
    for request in seen:
        if request.end is None or sum(1 for a in arrivals if a <= request.end) >= len(urls):
            continue  # nothing was waiting any more when it ended
        later = [a for a in arrivals if a > request.end]
        gap = (later[0] if later else time.perf_counter()) - request.end
        if gap > worst:
            worst, after = gap, request.name
    expect(worst < 0.25, "not-concurrent",
           en=f"{en}: when page {after} ended, {seconds(round(worst, 2))} passed before the next request reached "
              "the server, although URLs were still waiting and a slot was free. The requests went in batches: "
              "each batch waited for its slowest page (here the 0.5 s one) before the next batch started, while "
              "the other slot stayed idle. With one task per URL and a shared `asyncio.Semaphore(limit)`, a slot "
              "is taken again as soon as it is free.",
           fr=f"{fr} : quand la page {after} s'est terminée, {seconds(round(worst, 2), 'fr')} ont passé avant "
              "que la requête suivante n'arrive au serveur, alors que des URL attendaient et qu'une place était "
              "libre. Les requêtes sont parties par lots : chaque lot a attendu sa page la plus lente (ici celle "
              "de 0,5 s) avant que le suivant parte, pendant que l'autre place restait vide. Avec une tâche par "
              "URL et un `asyncio.Semaphore(limit)` partagé, une place est reprise dès qu'elle se libère.")
