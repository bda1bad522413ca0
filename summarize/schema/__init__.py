"""JSON schemas of the outputs."""
