"""Rendering chosen pages inside mkdocs: the render plan and the MkDocs hook that follows it.

Kept apart from writers.site so the hook, loaded by every mkdocs process, imports nothing of the page writers."""
