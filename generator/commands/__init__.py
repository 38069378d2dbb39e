"""One thin argparse module per command of ``python -m generator``."""
