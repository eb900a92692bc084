"""What a hidden suite uses to judge a submission, in one import:

    from checker.child.testkit import expect, fail, same, show, seconds

    def test_returns_its_result(learner):
        got = learner.main()
        expect(same(got, "result of kata"), "wrong-result",
               en=f"main() returned {show(got)}; expected 'result of kata'. ...",
               fr=f"main() a renvoyé {show(got)} ; attendu 'result of kata'. ...")

- verdicts (kit_verdicts): KataFailure, fail, expect, same, show, shown, require_function,
  require_coroutine_function, require_plain_function, coroutine_function_check;
- message text (kit_text): number, seconds, learner_line;
- calls with a deadline (kit_calls): call_with_deadline, start_call, await_with_deadline, Outcome,
  run_with_deadline;
- call tracking (kit_track): Tracker, Span, first_argument;
- the checker's probes that suites use: JoinProbe and thread_label (joins), locate and learner_frames
  (diagnose), main_block_names (source).

The fixtures (`learner`, `virtual`, `race`, `timeline`, `lang`, `kata`) come from checker.child.plugin.
README.md, "Writing a hidden suite", says what each one gives and returns.
"""

from __future__ import annotations

from checker.child.diagnose import learner_frames, locate
from checker.child.joins import JoinProbe, thread_label
from checker.child.kit_calls import (Call, Outcome, await_with_deadline, call_with_deadline, loop_now,
                                     run_with_deadline, start_call)
from checker.child.kit_text import learner_line, number, seconds
from checker.child.kit_track import Span, Tracker, first_argument
from checker.child.kit_verdicts import (KataFailure, coroutine_function_check, expect, fail, require_coroutine_function,
                                        require_function, require_plain_function, same, show, shown)
from checker.child.source import main_block_names

__all__ = ["Call", "JoinProbe", "KataFailure", "Outcome", "Span", "Tracker", "await_with_deadline",
           "call_with_deadline", "coroutine_function_check", "expect", "fail", "first_argument", "learner_frames",
           "learner_line", "locate", "loop_now", "main_block_names", "number", "require_coroutine_function", "require_function",
           "require_plain_function", "run_with_deadline", "same", "seconds", "show", "shown", "start_call",
           "thread_label"]
