"""Parallel execution of the build's stages: a local process pool, or a Dask distributed cluster.

At the bottom of the layering: imports nothing of the project, so any stage can hand it work."""
