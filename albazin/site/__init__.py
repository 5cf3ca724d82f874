"""The site layer."""
