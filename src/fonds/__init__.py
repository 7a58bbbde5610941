"""fonds: a self-hosted digital archive for translated primary-source documents."""

__version__ = "0.1.0"
