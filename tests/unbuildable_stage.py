"""A stage for the batch tests whose build always fails, as a stage with a missing model does."""
from __future__ import annotations

from spinscope.errors import ModelError
from spinscope.pipeline import register_stage


@register_stage("unbuildable_test", requires=("body",), assigns=("techniques",))
def make_unbuildable(config, resources):
    raise ModelError("the test stage's model is missing")
