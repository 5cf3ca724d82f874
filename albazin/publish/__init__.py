"""The publish layer."""
