"""Backtests: the engine forecasts scored against history, out of sample."""
