"""Linking cues to what they report and to who reports it (being reshaped into passes)."""
from ..attribution import CHECK, POLNEAR, CONVENTIONS, Conventions, Link, link  # noqa: F401
