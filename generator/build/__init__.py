"""Build the site: the orchestrator, the worker process and the thin MkDocs adapter."""
