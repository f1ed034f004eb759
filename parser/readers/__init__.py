"""One reader per source kind; each reads a neutral page (parser.page). The table of readers is parser.registry.READERS."""
