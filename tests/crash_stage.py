"""A stage for the batch tests: kills its worker process on one marked document, raises on another."""
from __future__ import annotations

import os

from spinscope.pipeline import register_stage


@register_stage("crash_test", requires=("body",), assigns=("techniques",))
def make_crash(config, resources):
    def crash(docs):
        for d in docs:
            if "KILL-THE-WORKER" in d.text:
                os._exit(3)
            if "RAISE-IN-STAGE" in d.text:
                raise ValueError("this document is refused by the test stage")
    return crash
