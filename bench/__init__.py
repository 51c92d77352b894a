"""Benchmarks: ``python -m bench.<name>`` (see ``python -m bench``)."""
