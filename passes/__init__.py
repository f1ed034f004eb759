"""Passes over the whole corpus: normalize, resolve citations, link, lint."""
