"""One module per page type: its documented context class and the builder of its pages."""
