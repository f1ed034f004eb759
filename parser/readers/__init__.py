"""Every reader module; importing this package registers them all."""

from parser.readers import (  # noqa: F401
    entry,
    notice,
    powerlist,
    regulation,
    report,
    statute,
)
