"""Every hand-made gold file under tests/data/ is consistent with its article (spans, shapes, intervals)."""

from tests.data.check_gold import test_every_gold_file_is_consistent_with_its_text  # noqa: F401
