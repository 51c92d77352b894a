"""Signals of the workdays app.

``calendar_changed`` is sent (kwargs: ``years`` — a sorted list of ints) after
any change to the official calendar, inside the same transaction, once the new
calendar is visible through ``services.get_calendar()``. The cases app listens
to recompute the deadlines of open cases.
"""
from django.dispatch import Signal

calendar_changed = Signal()
