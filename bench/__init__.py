"""Benchmarks: scripts that print figures (run from the repository root, e.g. ``python -m bench.growth``)."""
