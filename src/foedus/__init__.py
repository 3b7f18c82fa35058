"""foedus: security commitments between states since 1815, as data and logic.

Record who promised to defend, guarantee, stay neutral toward, not attack, or consult with
whom; ask it as of any date; (later) simulate attacks and advise on guarantors.
"""

from importlib.metadata import PackageNotFoundError, version

from foedus.api import Foedus, open
from foedus.errors import FoedusError

try:
    __version__ = version("foedus")
except PackageNotFoundError:  # pragma: no cover
    __version__ = "0.0.0+dev"

__all__ = ["Foedus", "FoedusError", "__version__", "open"]
