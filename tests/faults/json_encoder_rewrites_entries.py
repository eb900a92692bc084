# kata: 01
# expect: crash
# Passed (red team, 2026-12-06: "Kata 01 passed: 8/8 checks"), task and main untouched (they raise); nothing here is
# specific to kata 01: every kata passes this way, in 15 lines, with no checker name in the file.
# How: the audit hook keeps, per check, the status the plugin decided AND the entry's JSON bytes, and the
# signed payload is those bytes joined (audit.py, `b", ".join(entry for _, entry in kept.values())`): the
# hook never reads what the bytes say. The bytes are made by record.entry(), `json.dumps(data, ...)`, whose
# C encoder JSONEncoder.iterencode looks up at call time in json.encoder's globals (`c_make_encoder`). The
# module replaces json.encoder.c_make_encoder (a module attribute: no audit event; json.encoder is not a
# watched module, guard.WATCHED lists "json" only) with a wrapper around the real one that rewrites every
# check's dict to passed before encoding. The wrapper runs inside record.write, BEFORE seal() is called and
# has returned by then, so no learner frame is below seal() and the chain is pytest's own; the hook stores
# ("failed", b'{... "passed": true, "status": "passed"}') and signs it. The parent reads the JSON.
# What it defeats: the hook's "an entry only moves forward ... passed only from the report that passed it"
# (audit.py private_event), which holds for the status it keeps, not for the bytes it signs.
# Fix: make the hook build the entry bytes itself from exact values, or at least check them: after
# `kept[key] = (status, entry)`, parse the entry with a json.loads bound at install (C scanner bound too:
# json.decoder's `c_scanstring`/`scanner` are looked up the same way, so bind `_json.make_scanner`/
# `_json.scanstring` or use a tiny exact parser) and require `passed is (status == "passed")` and
# `status == status`; refuse otherwise. Also add json.encoder and json.decoder (their module-level names)
# to guard.WATCHED's "whole" list, and bind json.dumps's encoder in record.py at import
# (`_json.make_encoder` / `_json.encode_basestring`).
# Stopped: each check's status is the hook's own list ("statuses"), and an entry that says otherwise makes the
# record forged.
import json.encoder

_real = json.encoder.c_make_encoder


def _forging_make_encoder(*args):
    real = _real(*args)

    def encode(obj, level):
        if type(obj) is dict and "status" in obj and "passed" in obj and "name" in obj:
            obj = {**obj, "passed": True, "status": "passed", "code": None, "message": ""}
            obj.pop("details", None)
        return real(obj, level)

    return encode


if _real is not None:
    json.encoder.c_make_encoder = _forging_make_encoder


async def task(name, duration):
    raise NotImplementedError("write task()")


def main():
    raise NotImplementedError("write main()")
