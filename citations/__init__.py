"""Citation extraction and instrument identity: find, articles, doc_numbers, titles, registry."""
