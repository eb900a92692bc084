"""checker/scan.py: the lines of a submission that reach into Python's or pytest's internals, shown to the
teacher beside a pass to read. No right answer or known mistake is flagged; every attack on the checker's
process is."""

from pathlib import Path

import pytest

from checker.classgrade import page
from checker.scan import suspicious

REPO = Path(__file__).resolve().parents[2]
ANSWERS = sorted([*REPO.glob("solutions/*/*.py"), *REPO.glob("tests/accepted/*/*.py"),
                  *REPO.glob("tests/mistakes/*/*.py")])
IN_PROCESS = sorted([*(
    REPO / "tests/faults" / name for name in (
        "signal_in_hook_steals_secret.py", "fix_co_filename_counts_as_checker.py", "check_to_json_shadowed.py",
        "codec_import_inside_hook_steals_key.py", "drops_checks_before_first_record.py",
        "exception_class_promotes_report.py", "fixture_function_swapped.py", "forged_event_hash_runs_in_hook.py",
        "json_encoder_rewrites_entries.py", "patch_in_call_restore_in_finalizer.py", "self_restoring_helpers.py",
        "approx_rebound_in_pytest.py", "approx_class_eq_rebound.py", "environ_hook_swallows_failures.py",
        "environ_hook_unseen_by_scan.py", "environ_hook_swaps_virtual.py", "report_maker_swapped_from_the_check.py",
        "module_getattr_fools_iscoroutinefunction.py", "private_helper_of_inspect_rebound.py", "raises_busy_machine.py",
        "finalizer_calls_record_writer.py", "partial_callbacks_forge_reports.py",
        "renamed_code_given_to_a_function.py", "heap_walk_signs_record.py", "frame_walk_to_plugin.py", "registers_pytest_plugin.py",
        "replaces_test_functions.py", "replaces_plugin_watch.py", "swaps_helpers_with_setprofile.py",
        "patches_report_classmethod.py", "thread_reads_hook_frame.py", "traceback_frame.py",
        "gc_callback_in_hook.py", "ctypes_reads_memory.py", "settrace_in_threads.py", "builtins_type_fools_same.py",
        "checker_globals_swapped_in_run.py", "readouterr_swapped_in_run.py", "checker_constant_rebound_at_import.py",
        "checker_class_method_swapped_in_run.py", "outcome_time_shadowed.py",
        "builtins_all_fools_same_lists.py", "approx_eq_swapped_in_run.py", "guard_snapshot_emptied.py",
        "suite_private_globals_rewritten.py", "private_builtins_through_globals.py", "private_builtins_from_detach.py",
        "guard_snapshot_items_rebound.py", "checker_private_helper_rewritten.py", "suite_parameters_rewritten.py",
        "tracker_spans_forged.py", "blocking_probe_emptied.py", "tracker_ledger_generator_driven.py",
        "blocking_probe_ticks_forged.py", "blocking_probe_condition_rewritten.py", "io_benchmark_in_loop_emptied.py",
        "suite_items_shortened.py", "suite_cases_shortened.py", "quiz_key_rewritten.py", "race_scheduler_unset.py",
        "race_scheduler_unset_restored.py", "race_scheduler_reached.py", "virtual_clock_record_rewritten.py",
        "main_forges_a_timed_loop.py", "looptime_select_swapped.py", "looptime_end_moved.py",
        "watched_select_called_by_hand.py", "job_runs_forged.py", "join_probe_caller_rebound.py",
        "page_server_requests_forged.py", "page_server_handler_fed.py", "task_end_set_by_hand.py",
        "scenario_result_set_by_hand.py", "race_increment_in_unmanaged_thread.py",
        "transfer_in_unmanaged_thread.py", "race_helper_registered_as_managed.py",
        "views_and_pytest_classes_rewritten_quietly.py", "pytest_thawed_by_a_fake_sys.py"))])


@pytest.mark.parametrize("path", ANSWERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_answer_of_the_katas_is_flagged(path):
    assert suspicious(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", IN_PROCESS, ids=lambda p: p.name)
def test_every_attack_on_the_checkers_process_is_flagged(path):
    assert suspicious(path.read_text(encoding="utf-8", errors="replace"))


def test_each_construct_is_named_once_at_its_first_line():
    source = "import os\nimport gc\n\ndef f(frame):\n    gc.collect()\n    return frame.f_back.f_locals\n" \
             "getattr(os, 'sep')\ngetattr(os, name)\n"
    assert suspicious(source) == [{"line": 2, "what": "gc"}, {"line": 6, "what": "f_back"},
                                  {"line": 6, "what": "f_locals"}, {"line": 8, "what": "getattr()"}]


def test_a_bound_methods_owner_another_classs_private_name_and_the_event_loops_attributes_are_named():
    source = ("import asyncio\n\nasync def f(g):\n    loop = asyncio.get_running_loop()\n    loop.time = g\n"
              "    owner = g.__self__\n    loop._LoopTimeEventLoop__now = 1.0\n"
              "    return getattr(loop, '_LoopTimeEventLoop__now'), loop.time(), loop.create_task\n")
    assert [(f["line"], f["what"]) for f in suspicious(source)] == [
        (5, "loop.time = (the event loop's)"), (6, "__self__"), (7, "_LoopTimeEventLoop__now"),
        (7, "loop._LoopTimeEventLoop__now = (the event loop's)")]
    assert suspicious("class A:\n    def __init__(self):\n        self.__secret = 1\n        self.time = 0\n") == []


def test_a_file_that_does_not_parse_flags_nothing():
    assert suspicious("def f(:\n") == [] and suspicious("x = '\0'") == []


def test_the_class_page_marks_the_cell_and_lists_the_lines():
    cell = {"status": "passed", "points": 10, "max_points": 10, "file": "a.py", "sha256": "0", "report": None,
            "review": [{"line": 3, "what": "gc"}, {"line": 9, "what": "<script>"}]}
    doc = {"format": 1, "checker_version": "1", "lang": "en",
           "katas": [{"id": "01", "title": "T", "points": 10, "suite_version": "s", "tasks": []}],
           "students": [{"name": "ann", "folder": "ann", "source": "files", "commit": None, "katas": {"01": cell}}]}
    html = page.page(doc)
    assert html.count("⚑") == 2 and "gc (line 3)" in html and "&lt;script&gt; (line 9)" in html


def test_the_loops_selector_a_threads_target_the_profile_hook_and_unbound_future_methods_are_named():
    source = ("import asyncio, sys, threading\n\nasync def f(task):\n    loop = asyncio.get_running_loop()\n"
              "    loop._selector.select(0)\n    asyncio.Future.set_result(task, 1)\n    hook = sys.getprofile()\n"
              "    return [getattr(t, '_target', None) for t in threading.enumerate()], task.cancel()\n")
    assert [(f["line"], f["what"]) for f in suspicious(source)] == [
        (5, "_selector"), (6, "Future.set_result (unbound)"), (7, "getprofile"), (8, "_target")]
