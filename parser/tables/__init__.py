"""Grid formats a power list arrives in: each module turns one format into rows of cells."""
