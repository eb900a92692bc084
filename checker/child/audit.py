"""The child's PEP 578 audit hook: learner code that inspects or reaches into the checker is `tampered`.

Why: the learner's module shares this interpreter. Walking the heap (`gc.get_objects`), reaching frames
(`sys._getframe`, `tb_frame`, `gi_frame`, `cr_frame`, `sys._current_frames`), tracing (`sys.settrace`,
`sys.setprofile`, `sys.monitoring`), `ctypes`, reading `/proc` (`/proc/self/mem`, other processes'
files), signalling the ancestors, replacing a checker function's code, building code objects
(`code.replace`, `marshal.loads`, `compile` under a trusted file's name) and adding audit hooks are how a
submission finds the checker's objects to forge its verdict. These raise audit events, and a hook added
with `sys.addaudithook` cannot be removed.

Which events are refused, and how the hook tells who raised them: checker/child/refusals.py, its rules.

What happens. The first refused event is latched (it cannot be cleared) and the call raises `Tampered`
(a BaseException). The plugin turns the latch into a `tampered` verdict at each check's verdict.

The secret and the record. The per-run HMAC key lives only in this hook's state (the plugin hands it over as
it installs the hook, just before the learner's code loads, and keeps nothing of it): no module, object or
frame that learner code can reach without a refused event holds it (the hook is referenced by the
interpreter alone, and what it calls is bound at install). The record is kept here too: the plugin sends
each check's entry with the event `checker.seal`, honoured only on the checks' thread, straight from
`seal()` called by the record's writer (checker/child/record.py), with no learner frame on the stack; an entry only moves forward
(not-run, then passed, failed or skipped; passed may still become failed or skipped), and the plugin sends
"passed" only from the report that passed the check. A seal that sends a pass, or says the record is
complete, must moreover come through pytest's own run of that check (or the session's end): the frames below
`seal()` are followed one by one (checker/child/chains.py), so that the writer run for the learner by the
interpreter (a finalizer during a collection the checker starts) signs nothing. Learner code can reach the plugin's objects (pytest's
configuration holds it) and spoil them, but that never turns into a pass. Once an event was latched, the
hook ignores the plugin's entries and signs a record whose single check is `tampered` naming the event,
so a learner that keeps running after a refusal (catching `Tampered`, or in a thread) gets nothing more.

The guard's reference. What the guard watches (checker/child/guard.py `references`: the names of Python's,
pytest's and the checker's modules and classes, the private copies of checker/child/detach.py, the plugin's
attributes, pytest's hooks, items and fixtures) is handed over at arm and kept in the hook's state: the
plugin's own snapshots live on objects learner code reaches, and could be emptied first. `compare()` has the
hook compare; it also compares before it seals a pass or the end of the record, whatever the plugin asked
(a pass sealed right after the plugin's comparison as that check's call ended, told by the frames that asked
for it, is not compared twice: pytest only makes the report in between), and latches a difference. The
comparison runs outside the hook's guard: looking a name up may run the `__eq__` of a learner's key planted in
a namespace, and what that code does is checked like any other.

Not covered here (see the README's "What the checker guarantees"): processes started with spawn or
forkserver run a fresh interpreter without this hook (they hold no secret and no checker object; what
they can do to other processes is the confinement's job); fork children inherit the hook and its latch,
but not the key nor the record (dropped in the child before any of its code runs: it signs nothing), and a
latch in a fork child is not seen by the checker (the refused call still fails there).
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Iterable

from checker.child import chains
from checker.child.refusals import Tampered, rules

__all__ = ["Tampered", "arm", "compare", "complete", "install", "installed", "latch", "latched", "seal"]


def install(secret: bytes, lang: str, writer: Callable, texts: dict[str, str], chain: dict[str, Any],
            checks_thread: int | None = None) -> None:
    """Add the hook (once per process). `writer` is the one function allowed to call `seal()`; `texts` holds
    the tampered check's name and message (with `{event}` and `{detail}`), already in the learner's
    language; `chain` the paths a pass must come through (checker/child/chains.py); `checks_thread` the
    ident of the thread that runs the checks (by default, the calling one)."""
    import _hashlib
    import _thread
    import builtins
    import functools
    import itertools
    import json
    import operator
    import os
    from types import MappingProxyType, MemberDescriptorType

    # Everything the hook calls is bound here, once: a learner that replaces a builtin or a module's
    # function later cannot change what the hook does.
    str, bytes, tuple, list, len, type_ = (  # noqa: A001
        builtins.str, builtins.bytes, builtins.tuple, builtins.list, builtins.len, builtins.type)
    list_append = builtins.list.append
    id_, all_, map_, object_ = builtins.id, builtins.all, builtins.map, builtins.object
    dict_, dict_get, proxy_get = builtins.dict, builtins.dict.get, MappingProxyType.get
    dict_values, proxy_values = builtins.dict.values, MappingProxyType.values
    member_get, is_, itemgetter = MemberDescriptorType.__get__, operator.is_, operator.itemgetter
    partial, repeat_, range_ = functools.partial, itertools.repeat, builtins.range
    flatten, call = itertools.chain.from_iterable, operator.call
    zip_, set_ = builtins.zip, builtins.set
    join = ", ".join
    str_partition, str_repr = builtins.str.partition, builtins.str.__repr__
    STATUSES = frozenset(("passed", "failed", "skipped", "not-run"))
    CALL, FINISH, COLLECT, ABANDON = chains.CALL, chains.FINISH, chains.COLLECT, chains.ABANDON
    OSError, Exception_, BaseException_, Tampered_ = (  # noqa: A001
        builtins.OSError, builtins.Exception, builtins.BaseException, Tampered)
    ValueError_ = builtins.ValueError
    MISSING, SLOTS = object_(), object_()  # SLOTS: the container of a group of slots (read through their owners)

    if not secret:
        raise ValueError("empty secret")
    hmac_digest = _hashlib.hmac_digest
    get_ident = _thread.get_ident
    getframe = sys._getframe
    os_stat, os_getpid, os_getpgid = os.stat, os.getpid, os.getpgid
    ancestors = _ancestors
    main_ident = get_ident() if checks_thread is None else checks_thread
    seal_code = seal.__code__
    writer_code = getattr(writer, "__func__", writer).__code__
    name_json = json.dumps(texts["name"], ensure_ascii=False)
    message_json = json.dumps(texts["message"], ensure_ascii=False)  # a JSON string with {event}, {detail}
    del lang

    state: dict[str, Any] = {"armed": False, "latched": None, "learner": "", "roots": (), "checker": (),
                             "kinds": {}, "lines": {}, "named": {}, "ancestors": frozenset(), "groups": frozenset(),
                             "proc_dev": None, "entries": {}, "items": {}, "genuine": {}, "key": secret,
                             "reference": (), "flat": None, "ended": None, "complete": False}
    del secret

    def forget_in_child() -> None:
        """A fork child (the learner's `multiprocessing` with fork) runs the learner's code with a copy of this
        process's memory: the key and the record are dropped there at once, before any of its code runs."""
        state["key"] = None
        state["entries"] = {}
    def private(event: str, args: tuple) -> None:
        """The checker's own events, handed over by the hook (checker/child/refusals.py) inside its guard
        (its own events let through, no collection). One that is not what the checker sends (a forged event,
        its arguments wrong) is refused."""
        try:
            private_event(event, args)
        except Tampered_:
            raise
        except Exception_:
            if state["armed"]:
                refuse(event, "not what the checker sends")

    def private_event(event: str, args: tuple) -> None:
        if event == "checker.seal":
            entries, complete, box = args
            frame = getframe(3)  # 0: private_event, 1: private, 2: the hook (refusals.check), 3: seal()
            caller = frame.f_back
            if (frame.f_code is not seal_code or caller is None
                    or caller.f_code is not writer_code or learner_on_stack(frame)):
                if state["armed"]:
                    refuse("checker.seal", "not from the checker")
                return
            # The record is kept here, each check's entry changing only forward: not-run, then passed,
            # failed or skipped; passed may still become failed (a teardown); nothing ever becomes passed
            # again. Changing the plugin's objects after a verdict changes nothing.
            # What the plugin sends may hold objects that learner code put in its state: nothing of theirs is
            # called here (not even __hash__ or __iter__), only exact lists, tuples, str and bytes are read.
            sent = []
            for item in (entries if type_(entries) is list else ()):
                if type_(item) is not tuple or len(item) != 3:
                    continue
                key, status, entry = exact(item[0], ""), exact(item[1], ""), item[2]
                if key and status in STATUSES and type_(entry) is bytes:
                    list_append(sent, (key, status, entry))
            # A pass, or the end of the record, only from pytest's own run (checker/child/chains.py): a callable
            # the interpreter runs for the learner (a finalizer) can call the writer with no learner frame.
            passed = [key for key, status, _ in sent if status == "passed"]
            need = ((FINISH,) if complete is True else (CALL, FINISH)) if passed else \
                ((FINISH, COLLECT) if complete is True else ())
            if get_ident() != main_ident:  # not the checks' thread: only the deadline's watchdog ending the run
                need = (ABANDON,) if complete is True and not passed else None
            if need is None or (need and not sent_from(frame, need, passed)):
                if state["armed"]:
                    refuse("checker.seal", "not from pytest running the check")
                return
            kept = state["entries"]
            for key, status, entry in sent:
                before = kept.get(key)
                if before is None or before[0] == "not-run" or (before[0] == "passed" and status in ("failed", "skipped")):
                    kept[key] = (status, entry)
            if complete is True:
                state["complete"] = True
            if complete is True and state["latched"] is None and not all_(
                    nodeid in kept for nodeid in state["items"].values()) and all_(
                    status == "passed" for status, _ in kept.values()):
                # pytest's items were given at arm (before the learner's code loaded): a complete record that
                # lacks some of them and fails none was emptied by learner code
                state["latched"] = ("checker.seal", "checks missing from the record")
            if state["latched"] is not None:
                event_name, detail = state["latched"]
                message = message_json.replace("{event}", event_name).replace("{detail}", detail)
                payload = ('{"version": 2, "complete": true, "checks": [{"name": %s, "passed": false, '
                           '"code": "tampered", "message": %s, "status": "failed"}], "statuses": ["failed"]}'
                           % (name_json, message)).encode()
            else:
                # Each check's status is the hook's own, in "statuses": what an entry's bytes say of it (the
                # plugin's JSON, which learner code can reach) is never what the parent believes.
                payload = (b'{"version": 2, "complete": ' + (b"true" if complete is True else b"false")
                           + b', "checks": [' + b", ".join(entry for _, entry in kept.values())
                           + b'], "statuses": [' + b", ".join(b'"' + status.encode() + b'"' for status, _ in kept.values())
                           + b"]}")
            key = state["key"]
            if key is None:  # a fork child: the key was dropped there (forget_in_child)
                refuse("checker.seal", "not in the checked process")
            box.append(payload + b"\n" + hmac_digest(key, payload, "sha256").hex().encode() + b"\n")
        elif event == "checker.arm" and not state["armed"]:
            learner, trusted, checker, items, reference = args
            state["reference"] = prepared(reference)
            state["flat"] = flattened(state["reference"])
            state["items"] = {id_(item): exact(nodeid, "") for item, nodeid in items}  # pytest's, before the
            state["item_refs"] = tuple(item for item, _ in items)                    # learner's code loads
            state["learner"], state["roots"], state["checker"] = learner, tuple(trusted), tuple(checker)
            state["ancestors"], state["groups"] = ancestors(os_getpid, os_getpgid)
            try:
                state["proc_dev"] = os_stat("/proc/self").st_dev
            except OSError:
                pass
            state["armed"] = True
        elif event == "checker.tamper":  # the guard found a replaced function (not an audit event)
            if state["latched"] is None:
                state["latched"] = ("setattr", clean(args[0]) or "-")
        elif event == "checker.latched" and type_(args[0]) is list:
            list_append(args[0], state["latched"])
        elif event == "checker.complete" and type_(args[0]) is list:
            list_append(args[0], state["complete"])

    def prepared(reference) -> tuple:
        """The guard's reference (checker/child/guard.py `references`), kept here, out of learner code's reach.
        Each entry is (container, keys, objects, labels): the names `keys` (a tuple of exact str, or one str) of
        a namespace (a dict, a class's mappingproxy) with their labels (a tuple, or the namespace's label as a
        str); an object's slot (`keys` is its member descriptor); a list (`keys` None) whose items must be, one
        by one, the ones it held at arm. Kept in groups read all at once: one per namespace, one per member
        descriptor (the same slot of many objects), one per list."""
        namespaces, slots, kept = {}, {}, []
        for entry in (reference if type_(reference) is list else ()):
            if type_(entry) is not tuple or len(entry) != 4:
                continue
            container, keys, objects, labels = entry
            if type_(container) is dict_ or type_(container) is MappingProxyType:
                if type_(keys) is str:
                    keys, objects, labels = (keys,), (objects,), (labels,)
                if (type_(keys) is not tuple or type_(objects) is not tuple or not keys
                        or len(keys) != len(objects) or not all_(map_(is_, map_(type_, keys), repeat_(str)))):
                    continue
                if type_(labels) is str:  # each key's label made only if it differs: `label['key']`
                    name, labels = labels, repeat_((labels,), len(keys))
                elif (type_(labels) is tuple and len(labels) == len(keys)
                        and all_(map_(is_, map_(type_, labels), repeat_(str)))):
                    name = str_partition(labels[0], "[")[0]
                else:
                    continue
                group = namespaces.get(id_(container))
                if group is None:
                    unique = set_(keys)
                    if len(unique) == len(keys):  # (most namespaces come once, each name once: as they are)
                        namespaces[id_(container)] = (container, list(keys), list(objects), list(labels), name,
                                                      unique)
                        continue
                    group = namespaces[id_(container)] = (container, [], [], [], name, set_())
                for key, obj, label in zip_(keys, objects, labels):  # a name given twice is compared once
                    if key not in group[5]:
                        group[5].add(key)
                        list_append(group[1], key)
                        list_append(group[2], obj)
                        list_append(group[3], label)
            elif type_(labels) is not str:
                continue
            elif type_(keys) is MemberDescriptorType:
                group = slots.get(id_(keys))
                if group is None:
                    group = slots[id_(keys)] = (keys, [], [], [])
                list_append(group[1], container)
                list_append(group[2], objects)
                list_append(group[3], labels)
            elif type_(container) is list:
                list_append(kept, (None, container, tuple(container), (labels,), (), None, labels))
        for container, keys, objects, labels, name, _ in namespaces.values():
            keys = tuple(keys)  # itemgetter of one key gives the object, of several a tuple: always a tuple here
            read = itemgetter(*keys) if len(keys) > 1 else partial(one_item, itemgetter(keys[0]))
            one = partial(dict_get if type_(container) is dict_ else proxy_get, container)
            list_append(kept, (read, container, tuple(objects), tuple(labels), keys, one, name))
        for member, owners, objects, labels in slots.values():
            owners = tuple(owners)
            list_append(kept, (partial(slots_read, member, owners), SLOTS, tuple(objects), tuple(labels), owners,
                               partial(slot_get, member), labels[0]))
        return tuple(kept)

    def flattened(groups: tuple) -> tuple:
        """The whole reference as one read: (readers, containers, every expected object in a row, the lists,
        their lengths), so that a comparison that finds nothing changed runs in C from start to end (a
        group of one key is read as two, its object expected twice: itemgetter of one key gives no tuple)."""
        readers, containers, expected, sized = [], [], [], []
        for read, container, objects, _labels, keys, _one, _name in groups:
            if read is None:  # a list: its items in the row, its length apart (items moved from one list to
                read = tuple  # the next would leave the row the same)
                list_append(sized, container)
            elif container is not SLOTS and tuple(container) == keys:  # every name of the namespace, in order:
                read = dict_values if type_(container) is dict_ else proxy_values  # read as its values, its
                list_append(sized, container)                                      # length apart
            elif container is not SLOTS and len(keys) == 1:
                read, objects = itemgetter(keys[0], keys[0]), objects * 2
            list_append(readers, read)
            list_append(containers, container)
            expected.extend(objects)
        return (tuple(readers), tuple(containers), tuple(expected), tuple(sized), tuple(map_(len, sized)))

    def unchanged() -> bool:
        """Every object of the reference is the one held since arm: one read of all the groups, compared in C.
        False when one differs, or when reading raised (a name deleted, a learner's key that raises as it is
        compared): the comparison group by group then says which."""
        readers, containers, expected, sized, lengths = state["flat"]
        try:
            now = tuple(flatten(map_(call, readers, containers)))
            return (len(now) == len(expected) and all_(map_(is_, now, expected))
                    and tuple(map_(len, sized)) == lengths)
        except BaseException_:
            return False

    def slots_read(member, owners, _container):
        return tuple(map_(member_get, repeat_(member), owners, repeat_(None)))

    def slot_get(member, owner, default):
        return member_get(member, owner, None)

    def compare() -> list:
        """The labels of the reference whose object is not the one held since arm. The groups are read and
        compared in C, all at once (thousands of names, as each call starts and ends, and before a pass is
        sealed); names are looked up one by one only to tell which differ."""
        changed = []
        if unchanged():
            return changed
        for read, container, expected, labels, keys, one, name in state["reference"]:
            try:
                if read is None:  # a list's items
                    if len(container) != len(expected) or not all_(map_(is_, container, expected)):
                        list_append(changed, labels[0])
                    continue
                if all_(map_(is_, read(container), expected)):
                    continue
            except BaseException_:  # a name deleted, or a learner's key in the namespace raised as compared
                pass
            for index in range_(len(keys)):
                try:
                    now = one(keys[index], MISSING)
                except BaseException_:
                    now = MISSING
                if now is not expected[index]:
                    label = labels[index]
                    list_append(changed, label if type_(label) is str else label[0] + "[" + str_repr(keys[index]) + "]")
        return changed

    def one_item(getter, container):
        return (getter(container),)

    def unguarded(event: str, args: tuple) -> None:
        """The comparison with the reference, run by the hook before its guard (refusals.py): looking a key up
        in a namespace may run a method of a learner's key put there (its __eq__), and what that code does
        is then checked like any other. Run when the checker asks (`checker.compare`, never inside a virtual
        run: its patches of asyncio are the checker's), and before each seal of the checks' thread that sends a
        pass or ends the record, whatever the plugin's own comparisons believed: a difference latches, and
        only a `tampered` record is signed from then on."""
        if event == "checker.seal":  # (the watchdog ending a stuck run seals no pass, and the stuck check may
            # be inside a virtual run, whose own patches of asyncio are in place: no comparison then)
            if len(args) != 3 or get_ident() != main_ident:
                return
            ended, state["ended"] = state["ended"], None
            passed = passed_keys(args[0])
            if args[1] is not True and (not passed or all_(key == ended for key in passed)):
                return  # no pass; or the pass of the check whose call's end was just compared (see below)
        if event == "checker.compare" and (len(args) != 1 or type_(args[0]) is not list):
            return
        changed = compare()
        if changed and state["latched"] is None:
            state["latched"] = ("setattr", join(changed[:5]))
        if event == "checker.compare":  # the plugin's comparison as a check's call ends, all found in place: the
            # seal of that check's pass, which follows with no code of the learner's run in between (pytest
            # making the report; a finalizer or a thread can swap and restore around any comparison anyway),
            # need not compare again. Told by the frames: compare <- _check_untouched <- the call's wrapper,
            # resumed once the call ran, on the checks' thread.
            state["ended"] = call_ended() if not changed else None
            list_append(args[0], tuple(changed))

    compare_code, untouched_code, wrapper_code, ending = chain.get("call_end") or (None, None, None, frozenset())

    def call_ended():
        """The test id of the check whose call just ended, when the comparison was asked by the plugin's call
        wrapper once the call ran (frames: 0 this, 1 unguarded, 2 the hook, 3 compare()), else None."""
        if get_ident() != main_ident:
            return None
        try:
            frame = getframe(3)
        except ValueError_:
            return None
        if frame.f_code is not compare_code:
            return None
        frame = frame.f_back
        if frame is None or frame.f_code is not untouched_code:
            return None
        frame = frame.f_back
        if frame is None or frame.f_code is not wrapper_code or frame.f_lasti not in ending:
            return None
        return state["items"].get(id_(frame.f_locals.get("item")))

    def passed_keys(entries) -> list:
        """The keys `entries` send as passed (exact str), read as the seal reads them."""
        return [exact(item[0], "") for item in (entries if type_(entries) is list else ())
                if type_(item) is tuple and len(item) == 3 and exact(item[1], "") == "passed"]

    paths, repeat, known, item_anchor = chain["paths"], chain["repeat"], chain["known"], chain["item_anchor"]
    bottoms = chain["bottom"]

    def sent_from(frame, names: tuple[str, ...], passed: list[str]) -> bool:
        """The seal came through one of these paths (checker/child/chains.py), and each check it sends as
        passed is the item pytest is running (the one import-leaks check, at the end of the session)."""
        for name in names:
            anchor = follows(frame, paths[name])
            if anchor is None or (name in bottoms and anchor.f_back is not None):
                continue
            if not passed:
                return True
            if id_(anchor.f_code) in item_anchor:
                nodeid = state["items"].get(id_(anchor.f_locals.get("item")))
                return nodeid is not None and all_(key == nodeid for key in passed)
            return all_(key == "import-leaks" for key in passed)
        return False

    def follows(frame, steps: tuple):
        """The last frame of `steps` when the frames from `frame` (seal's) down are those steps, each
        caller standing on its call of the next; else None."""
        if id_(frame.f_code) not in steps[0]:
            return None
        index, repeated = 1, False
        while index < len(steps):
            caller = frame.f_back
            if caller is None:
                return None
            code_id = id_(caller.f_code)
            expected = known.get(code_id)
            if expected is None or id_(caller.f_globals) != expected[0] or caller.f_lasti not in expected[1]:
                return None
            if steps[index] is repeat:
                if code_id in repeat:
                    frame, repeated = caller, True
                    continue
                if not repeated:
                    return None
                index += 1
            if code_id not in steps[index]:
                return None
            frame, index = caller, index + 1
        return frame

    hook, refuse, learner_on_stack, clean, exact = rules(state, private, unguarded, main_ident)
    state["hook_codes"] = frozenset(id_(code) for code in _nested(install.__code__, rules.__code__))
    os.register_at_fork(after_in_child=forget_in_child)  # registered first: runs before any of the learner's
    sys.addaudithook(hook)


def _nested(*codes):
    """These code objects and every one they define (the functions of the hook, found before it runs)."""
    for code in codes:
        yield code
        yield from _nested(*(const for const in code.co_consts if hasattr(const, "co_consts")))


def _ancestors(getpid, getpgid) -> tuple[frozenset[int], frozenset[int]]:
    """The pids of this process's ancestors (not 1), and their process groups other than ours."""
    import os

    pids, pid = set(), os.getppid()
    while pid > 1 and len(pids) < 64:
        pids.add(pid)
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                pid = int(f.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    groups = set()
    for pid in pids:
        try:
            groups.add(getpgid(pid))
        except OSError:
            pass
    groups.discard(getpgid(0))
    return frozenset(pids), frozenset(groups)


def arm(learner_file: str, checker_dirs: Iterable[str], items: Iterable[Any] = (),
        reference: Iterable[tuple[Any, Any, Any, str]] = ()) -> None:
    """From now on, learner-originated events are refused. Trusted: the standard library and installed
    packages, plus `checker_dirs` (the checker's package, the suite's folder). `items`: pytest's items, the
    only ones a pass may be sealed for. `reference`: what must stay where it is (checker/child/guard.py
    `references`), held by the hook and compared by `compare()` and before a pass is sealed."""
    import sysconfig

    paths = sysconfig.get_paths()
    roots = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib") if key in paths}
    roots |= {p for p in sys.path if "site-packages" in p or "dist-packages" in p}
    checker = tuple(d.rstrip("/") + "/" for d in checker_dirs)
    sys.audit("checker.arm", learner_file, tuple(r.rstrip("/") + "/" for r in roots if r), checker,
              [(item, item.nodeid) for item in items], list(reference))


def seal(entries: list[tuple[str, str, bytes]], complete: bool, _audit=sys.audit) -> bytes:
    """The signed record: every check's entry kept by the hook, updated with `entries` (key, status, its
    JSON); after a refused event, the `tampered` record."""
    box: list[bytes] = []
    _audit("checker.seal", entries, complete, box)
    if not box:
        raise RuntimeError("the audit hook is not installed")
    return box[0]


def compare(_audit=sys.audit) -> list[str]:
    """What differs from the reference given at arm, compared by the hook (a difference is latched there).
    `_audit` is bound at import: a default cannot be rewritten (the hook refuses writes to `__defaults__`)."""
    box: list = []
    _audit("checker.compare", box)
    return list(box[0]) if box else []


def latch(names: str, _audit=sys.audit) -> None:
    """Latch a tamper found by the guard: from now on only a `tampered` record is signed."""
    _audit("checker.tamper", names)


def complete(_audit=sys.audit) -> bool:
    """The complete record has been sealed (the session is over: nothing decides a verdict any more)."""
    box: list = []
    _audit("checker.complete", box)
    return box == [True]


def installed(_audit=sys.audit) -> bool:
    """The hook is installed in this process (it answers the checker's own events)."""
    box: list = []
    _audit("checker.latched", box)
    return bool(box)


def latched(_audit=sys.audit) -> tuple[str, str] | None:
    """(event, detail) of the first refused event, if any."""
    box: list = []
    _audit("checker.latched", box)
    return box[0] if box else None
