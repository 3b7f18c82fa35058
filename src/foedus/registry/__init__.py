"""The curated registry: instrument files shipped with foedus, and the state system."""

from foedus.registry.loader import Registry, check_registry, default_registry_dir, load_registry

__all__ = ["Registry", "check_registry", "default_registry_dir", "load_registry"]
