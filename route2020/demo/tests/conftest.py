"""The practice fixtures, for the tests of the practice generator."""

from route2020.practices.tests.conftest import practice_index, themes  # noqa: F401
