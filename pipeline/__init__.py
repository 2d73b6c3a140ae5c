"""Wire-news pipeline."""
