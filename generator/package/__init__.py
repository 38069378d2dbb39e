"""Read the data package: the typed model, periods, CSV reading and loading."""
