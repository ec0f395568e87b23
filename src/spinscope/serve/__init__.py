"""The local web UI and REST API over a corpus database (`spinscope serve`)."""
