"""Power-list cells and structure: markup, duty steps, accountability, table structure."""
