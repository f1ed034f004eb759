"""Writers: emit the compiled knowledge base (JSON Lines, search index, site pages)."""
