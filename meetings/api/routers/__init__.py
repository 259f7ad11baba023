"""The API's operations, one router per kind of item, mounted in ``meetings.api.api``."""
