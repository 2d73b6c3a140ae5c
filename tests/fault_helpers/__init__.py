"""Helpers for the fault-tolerance tests: generated feeds, table snapshots, a throwaway server, a worker."""
