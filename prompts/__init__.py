"""Prompt templates for instruction models (package data)."""
