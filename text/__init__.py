"""Text normalization below every other stage: script, Chinese numerals, dates, title keys."""
