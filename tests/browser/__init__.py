"""Accessibility checks of the built site in headless Chromium."""
