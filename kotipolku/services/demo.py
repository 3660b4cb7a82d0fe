"""Demo content of the service compass: the YAML files of content/services/ (idempotent)."""

from kotipolku.services import open_index
from kotipolku.services.loader import load_directory


def load_demo(*, stdout=None) -> str:
    counts = load_directory()
    open_index.refresh()  # the open-now look-up table for the coming days
    for line in counts["errors"]:
        if stdout is not None:
            stdout.write(f"    {line}")
    return (
        f"{counts['created_or_updated']} services created or updated, {counts['unchanged']} unchanged, "
        f"{len(counts['errors'])} errors"
    )
