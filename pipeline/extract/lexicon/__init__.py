"""Word tables used by the extractors: plain data a linguist can extend without reading the engines."""
