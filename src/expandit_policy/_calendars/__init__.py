"""The calendars layer: working hours, holidays, closures, durations and business calendars."""
