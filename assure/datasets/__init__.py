"""Child-level data: loading returns and extracts into the analytical store, and computing
the performance framework's figures from them."""
