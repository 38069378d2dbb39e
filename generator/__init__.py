"""A partnership's performance site generator: data package in, static site out."""
