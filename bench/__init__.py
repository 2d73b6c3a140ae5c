"""`make bench`: the pipeline measured at scale on a synthetic corpus, each figure against a baseline."""
