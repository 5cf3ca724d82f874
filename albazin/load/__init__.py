"""The load layer."""
