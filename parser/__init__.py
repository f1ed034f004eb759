"""Readers: one per source kind, each turning a raw source into typed records."""
