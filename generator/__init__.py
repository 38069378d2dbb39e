"""Safer Sutton performance site generator: data package in, static site out."""
