"""Benchmarks run on demand (never in the test suite): synthetic sources and the pipeline benchmark."""
