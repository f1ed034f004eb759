"""Typed records of the Quanze knowledge base (the pipeline's AST)."""
