"""Backtests: the engine's advice checked against what states did."""
