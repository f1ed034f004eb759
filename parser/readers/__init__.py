"""Every reader module; importing this package registers them all."""

from parser.readers import powerlist  # noqa: F401
