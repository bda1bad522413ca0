"""The batch shell, apart from the steps: run loop, output planning, manifest, resume state,
progress, engines and the exit policy. The steps never know they run in a batch."""

from .run import BatchRun, Tally, exit_code
from .runner import Outcome, Process, one_by_one, run_batch
from .shell import BatchArgs, run_command

__all__ = ["BatchArgs", "BatchRun", "Outcome", "Process", "Tally", "exit_code", "one_by_one",
           "run_batch", "run_command"]
