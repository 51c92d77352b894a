"""The briefing's figures from daily counters versus one SQL query over the raw events."""
