"""Publish the files: download bytes, CSV cells, every disk write and permanent links."""
