"""Containers: a source's bytes → a neutral page (parser.page), one module per container kind, chosen by content."""
