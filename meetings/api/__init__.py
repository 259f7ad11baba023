"""The headless API for the Magiczny Kraków portal, mounted at /api/v1/."""
