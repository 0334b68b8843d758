"""The errand register (SPEC E1, E2): settlement at the finance desk and the gap investigation."""
