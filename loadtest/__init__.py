"""Reliability tooling (API fuzzing and load test); not part of the installed package."""
