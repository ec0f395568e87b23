"""Training the models that ship with spinscope (`spinscope train ...`)."""

# The techniques tagger's head: one unit, or one more per technique (round 17); the `--tagger-units` choices and what
# `training.techniques.train` accepts (here, so that the command line reads it without loading the trainer).
TAGGER_UNITS = ("any", "techniques")
